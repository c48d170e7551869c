package io.creditscoring.registry;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the {@code registry} schema up to date at start-up. Training writes the registry and scoring and drift
 * read it; each runs this migration unless told not to ({@code registry.migrate=false}), so that they can start in
 * any order (Flyway locks the schema while it works). A deployment where each service has its own database user
 * lets only the schema's owner migrate it: the others may read it, not change it.
 */
public class RegistrySchemaMigration {

    public RegistrySchemaMigration(DataSource dataSource) {
        this(dataSource, true);
    }

    /** @param migrate whether to migrate; when false this only marks the point after which the schema is used */
    public RegistrySchemaMigration(DataSource dataSource, boolean migrate) {
        if (migrate) {
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
}
