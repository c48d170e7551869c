package io.creditscoring.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One real PostgreSQL server (embedded binaries) per test JVM, started on first use and stopped when the JVM
 * exits. Every Spring context and plain test of a module shares it.
 *
 * <p>Like any embedded test server it commits without waiting for the disk ({@code fsync} and
 * {@code synchronous_commit} off). Benchmarks that must measure durable commits start the JVM with
 * {@code -D}{@value #DURABLE_PROPERTY}{@code =true}, which turns both on, as a production server has them.
 */
public final class SharedPostgres {

    public static final String DURABLE_PROPERTY = "test.postgres.durable";

    private static EmbeddedPostgres server;

    private SharedPostgres() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (Boolean.getBoolean(DURABLE_PROPERTY)) {
                    builder.setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("full_page_writes", "on");
                }
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "stop-postgres"));
        }
        return server;
    }

    public static String jdbcUrl() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    public static String username() {
        return "postgres";
    }

    public static String password() {
        return "postgres";
    }

    public static DataSource dataSource() {
        return server().getPostgresDatabase();
    }

    /**
     * Applies another service's Flyway migrations, found on the test classpath at {@code db/migration/<schema>},
     * the way that service would at start-up. For tests of a service that reads tables another one owns.
     */
    public static void migrate(String schema) {
        Flyway.configure()
                .dataSource(dataSource())
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration/" + schema)
                .load()
                .migrate();
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // The JVM is exiting; the temporary data directory is removed with it.
        }
    }
}
