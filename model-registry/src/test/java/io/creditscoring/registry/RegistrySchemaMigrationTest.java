package io.creditscoring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class RegistrySchemaMigrationTest {

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
}
