package io.creditscoring.registry;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the {@code registry} schema up to date at start-up. Training writes the registry and scoring and drift
 * read it; each runs this migration, so they can start in any order (Flyway locks the schema while it works).
 */
public class RegistrySchemaMigration {

    public RegistrySchemaMigration(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("registry")
                .defaultSchema("registry")
                .createSchemas(true)
                .locations("classpath:db/migration/registry")
                .load()
                .migrate();
    }
}
