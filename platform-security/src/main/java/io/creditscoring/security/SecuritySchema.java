package io.creditscoring.security;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The {@code security} schema (API keys, key revision, audit log), brought up to date at start-up by every
 * service that is allowed to (Flyway's lock serialises concurrent starts), so that services start in any order.
 */
final class SecuritySchema {

    SecuritySchema(DataSource dataSource, boolean migrate) {
        if (migrate) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas("security")
                    .defaultSchema("security")
                    .createSchemas(true)
                    .locations("classpath:db/migration/security")
                    .load()
                    .migrate();
        }
    }
}
