package io.creditscoring.catalog;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migrates the catalog schema (unless {@code catalog.migrate=false}) and provides the {@link PortfolioCatalog} to
 * any service with a DataSource.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(CatalogProperties.class)
public class PortfolioCatalogAutoConfiguration {

    @Bean
    CatalogSchemaMigration catalogSchemaMigration(DataSource dataSource, CatalogProperties properties) {
        return new CatalogSchemaMigration(dataSource, properties.migrate());
    }

    @Bean
    PortfolioCatalog portfolioCatalog(DataSource dataSource, CatalogSchemaMigration migrated) {
        return new PortfolioCatalog(JdbcClient.create(dataSource));
    }
}
