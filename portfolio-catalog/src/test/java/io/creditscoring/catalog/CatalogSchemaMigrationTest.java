package io.creditscoring.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.SharedPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

class CatalogSchemaMigrationTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, PortfolioCatalogAutoConfiguration.class));

    @Test
    void aServiceThatIsNotTheOwnerLeavesTheSchemaAlone() {
        String database = "catalog_switch_" + UUID.randomUUID().toString().replace("-", "");
        JdbcClient.create(SharedPostgres.dataSource())
                .sql("create database " + database)
                .update();
        String[] datasource = {
            "spring.datasource.url=" + SharedPostgres.server().getJdbcUrl(SharedPostgres.username(), database),
            "spring.datasource.username=" + SharedPostgres.username(),
            "spring.datasource.password=" + SharedPostgres.password()
        };

        service.withPropertyValues(datasource)
                .withPropertyValues("catalog.migrate=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PortfolioCatalog.class));
        assertThat(catalogTables(database)).isEmpty();

        service.withPropertyValues(datasource)
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(catalogTables(database)).contains("portfolio_schemas");
    }

    private static java.util.List<String> catalogTables(String database) {
        return JdbcClient.create(SharedPostgres.server().getDatabase(SharedPostgres.username(), database))
                .sql("select table_name from information_schema.tables where table_schema = 'catalog'")
                .query(String.class)
                .list();
    }
}
