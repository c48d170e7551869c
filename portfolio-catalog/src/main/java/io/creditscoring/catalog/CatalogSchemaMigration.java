package io.creditscoring.catalog;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the {@code catalog} schema up to date at start-up. Every service that reads portfolios runs it; Flyway's
 * lock in PostgreSQL lets them start in any order, and an up-to-date schema is left as it is.
 */
public class CatalogSchemaMigration {

    public CatalogSchemaMigration(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("catalog")
                .defaultSchema("catalog")
                .createSchemas(true)
                .locations("classpath:db/migration/catalog")
                .load()
                .migrate();
    }
}
