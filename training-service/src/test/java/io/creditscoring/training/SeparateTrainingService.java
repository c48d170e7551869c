package io.creditscoring.training;

import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.SharedPostgres;
import io.creditscoring.testsupport.TestKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A training service that a test starts and stops itself, to see what a stop and a restart do. It runs on a
 * database of its own on the shared PostgreSQL server: the shared test context's worker would otherwise claim its
 * runs, as another replica would. It consumes commands in a consumer group of its own, from the latest offset.
 */
final class SeparateTrainingService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SeparateTrainingService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Creates the database (dropping a previous one of that name) with ingestion's tables. */
    static DataSource createDatabase(String name) {
        JdbcTemplate admin = new JdbcTemplate(SharedPostgres.dataSource());
        admin.execute("drop database if exists " + name + " with (force)");
        admin.execute("create database " + name);
        DataSource dataSource = SharedPostgres.server().getDatabase(SharedPostgres.username(), name);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("ingestion")
                .defaultSchema("ingestion")
                .createSchemas(true)
                .locations("classpath:db/migration/ingestion")
                .load()
                .migrate();
        return dataSource;
    }

    /** Starts the service as its main method would, on the named database, with these extra properties. */
    static SeparateTrainingService start(String database, Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("spring.application.name", "training-service-" + database);
        all.put("spring.datasource.url", SharedPostgres.server().getJdbcUrl(SharedPostgres.username(), database));
        all.put("spring.datasource.username", SharedPostgres.username());
        all.put("spring.datasource.password", SharedPostgres.password());
        all.put("spring.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        all.put("spring.kafka.consumer.auto-offset-reset", "latest");
        all.put("platform.security.bootstrap-key", TestKeys.ALL_ROLES);
        all.putAll(properties);
        // as command-line arguments, which take precedence over training-service.yml
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SeparateTrainingService(TrainingServiceApplication.builder().run(args));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    ServiceClient client() {
        return ServiceClient.onPort(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** Closes the context as a SIGTERM would (the shutdown hook closes it the same way) and says how long it took. */
    Duration stop() {
        long started = System.nanoTime();
        context.close();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
