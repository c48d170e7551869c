package io.creditscoring.registry;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Migrates the registry schema in any service that has this module and a DataSource. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class ModelRegistryAutoConfiguration {

    @Bean
    RegistrySchemaMigration registrySchemaMigration(DataSource dataSource) {
        return new RegistrySchemaMigration(dataSource);
    }
}
