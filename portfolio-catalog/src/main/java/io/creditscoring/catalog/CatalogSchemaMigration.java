package io.creditscoring.catalog;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the {@code catalog} schema up to date at start-up. Every service that reads portfolios runs it unless told
 * not to ({@code catalog.migrate=false}); Flyway's lock in PostgreSQL lets them start in any order, and an
 * up-to-date schema is left as it is. A deployment where each service has its own database user lets only the
 * schema's owner migrate it: the others may read it, not change it.
 */
public class CatalogSchemaMigration {

    public CatalogSchemaMigration(DataSource dataSource) {
        this(dataSource, true);
    }

    /** @param migrate whether to migrate; when false this only marks the point after which the schema is used */
    public CatalogSchemaMigration(DataSource dataSource, boolean migrate) {
        if (migrate) {
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
}
