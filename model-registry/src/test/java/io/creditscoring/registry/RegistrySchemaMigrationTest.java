package io.creditscoring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.SharedPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

class RegistrySchemaMigrationTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, ModelRegistryAutoConfiguration.class));

    @Test
    void createsTheRegistryTablesAndToleratesASecondRun() {
        new RegistrySchemaMigration(SharedPostgres.dataSource());
        new RegistrySchemaMigration(SharedPostgres.dataSource());

        var tables = JdbcClient.create(SharedPostgres.dataSource())
                .sql("select table_name from information_schema.tables where table_schema = 'registry'")
                .query(String.class)
                .list();
        assertThat(tables).contains("model_versions", "model_aliases", "promotions", "outbox", "reference_rows");
    }

    @Test
    void aServiceThatIsNotTheOwnerLeavesTheSchemaAlone() {
        String database = freshDatabase();

        service.withPropertyValues(datasource(database))
                .withPropertyValues("registry.migrate=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ModelRegistry.class));
        assertThat(registryTables(database)).isZero();

        service.withPropertyValues(datasource(database))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(registryTables(database)).isGreaterThanOrEqualTo(7);
    }

    private static String freshDatabase() {
        String name = "registry_switch_" + UUID.randomUUID().toString().replace("-", "");
        JdbcClient.create(SharedPostgres.dataSource())
                .sql("create database " + name)
                .update();
        return name;
    }

    private static String[] datasource(String database) {
        return new String[] {
            "spring.datasource.url=" + SharedPostgres.server().getJdbcUrl(SharedPostgres.username(), database),
            "spring.datasource.username=" + SharedPostgres.username(),
            "spring.datasource.password=" + SharedPostgres.password()
        };
    }

    private static long registryTables(String database) {
        return JdbcClient.create(SharedPostgres.server().getDatabase(SharedPostgres.username(), database))
                .sql("select count(*) from information_schema.tables where table_schema = 'registry'")
                .query(Long.class)
                .single();
    }
}
