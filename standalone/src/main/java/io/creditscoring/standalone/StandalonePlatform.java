package io.creditscoring.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.creditscoring.console.ConsoleApplication;
import io.creditscoring.drift.DriftMonitorApplication;
import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.scoring.ScoringApiApplication;
import io.creditscoring.standalone.demo.DemoFailure;
import io.creditscoring.standalone.demo.DemoScenario;
import io.creditscoring.training.TrainingServiceApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The whole platform in one JVM: PostgreSQL, a Kafka broker and the four services, each service in its own
 * Spring context on its own port, configured exactly as in production apart from where the servers are.
 */
public final class StandalonePlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandalonePlatform.class);

    static final String LOGGING_CONFIG = "classpath:standalone-logback.xml";

    private final StandaloneSettings settings;
    /** What runs, in start order; guarded by this, like {@link #closed}. */
    private final List<Part> running = new ArrayList<>();
    /** Set by the first close: a part that finishes starting after it is stopped at once. */
    private boolean closed;

    private String apiKey;

    private StandalonePlatform(StandaloneSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        StandaloneSettings settings = StandaloneSettings.fromArgs(args);
        // The first service configures logging (console: warnings; file: everything); until then the servers'
        // start-up would print hundreds of lines at the default level.
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            // The broker's first start notes at WARN that it bootstraps an empty metadata log: nothing to act on,
            // and there is no log file to keep it in yet.
            logback.getLogger("org.apache.kafka.controller").setLevel(Level.ERROR);
        }
        System.out.println("Starting PostgreSQL, Kafka, the four services and the console (about 20 s)...");
        StandalonePlatform platform = new StandalonePlatform(settings);
        // registered before anything starts: a Ctrl-C or SIGTERM during the start-up stops what started so far,
        // PostgreSQL included, which would otherwise outlive this JVM
        Runtime.getRuntime().addShutdownHook(new Thread(platform::closeQuietly, "standalone-shutdown"));
        platform.startOrClose();
        System.out.println(platform.banner());
        if (settings.demo()) {
            try {
                new DemoScenario(settings, platform.apiKey(), System.out).run();
            } catch (DemoFailure e) {
                System.out.println("The demo stopped: " + e.getMessage());
            }
            System.out.println("The platform keeps running for you to explore. Ctrl-C stops it.");
        }
    }

    /** Starts the servers and the services; on failure, whatever started is stopped again. */
    public static StandalonePlatform start(StandaloneSettings settings) throws Exception {
        StandalonePlatform platform = new StandalonePlatform(settings);
        platform.startOrClose();
        return platform;
    }

    private void startOrClose() throws Exception {
        try {
            startAll();
        } catch (Exception | Error e) {
            closeQuietly();
            throw e;
        }
    }

    /** Adds a part that has started; when the platform was closed meanwhile, stops it and ends the start. */
    private synchronized void register(String name, AutoCloseable part) throws Exception {
        if (closed) {
            part.close();
            throw new IllegalStateException("the platform was stopped while " + name + " was starting");
        }
        running.add(new Part(name, part));
    }

    private void startAll() throws Exception {
        var data = settings.dataDirectory().toAbsolutePath();
        log.info("Starting PostgreSQL on port {} (data in {})", settings.postgresPort(), data.resolve("postgres"));
        // PostgreSQL is a process of its own that would outlive this JVM: a stop that comes while it starts waits
        // for it, then stops it (the in-process parts end with the JVM anyway)
        synchronized (this) {
            register("PostgreSQL", StandalonePostgres.start(data.resolve("postgres"), settings.postgresPort()));
        }
        log.info("Starting Kafka on {} (logs in {})", settings.kafkaBootstrapServers(), data.resolve("kafka"));
        register(
                "Kafka",
                StandaloneKafka.start(data.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort()));
        apiKey = ApiKeyFile.readOrCreate(data.resolve("api-key"));

        // Ingestion first: it registers the bundled portfolios that the others read.
        startService("ingestion-service", IngestionServiceApplication.builder(), settings.ingestionPort());
        startService("training-service", TrainingServiceApplication.builder(), settings.trainingPort());
        startService("scoring-api", ScoringApiApplication.builder(), settings.scoringPort());
        startService("drift-monitor", DriftMonitorApplication.builder(), settings.driftPort());
        // The console holds no data: it reads and acts through the four services' REST APIs.
        startService(
                "console",
                ConsoleApplication.builder(),
                settings.consolePort(),
                Map.of(
                        "console.services.scoring", "http://localhost:" + settings.scoringPort(),
                        "console.services.ingestion", "http://localhost:" + settings.ingestionPort(),
                        "console.services.training", "http://localhost:" + settings.trainingPort(),
                        "console.services.drift", "http://localhost:" + settings.driftPort()));
    }

    private void startService(String name, SpringApplicationBuilder builder, int port) throws Exception {
        startService(name, builder, port, Map.of());
    }

    private void startService(String name, SpringApplicationBuilder builder, int port, Map<String, Object> own)
            throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>(own);
        properties.put("server.port", port);
        properties.put("spring.datasource.url", settings.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("spring.kafka.bootstrap-servers", settings.kafkaBootstrapServers());
        // After a crash the restarted consumers get their partitions only once the killed ones' sessions expire:
        // 10 s instead of Kafka's 45 s, which on one machine (broker and consumers in one process) risks nothing.
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", 10_000);
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", 3_000);
        // The first-start key holds every role; whichever service starts first stores it (as its hash).
        properties.put("platform.security.bootstrap-key", apiKey);
        // Four services and two servers in one console would bury the banner and the demo: the console shows
        // warnings and errors, the full log goes to a file in the data directory.
        properties.put("logging.file.name", logFile());
        properties.put("logging.threshold.console", "WARN");
        // Library warnings a user cannot act on (Smile's) go to the file only: see the configuration file.
        properties.put("logging.config", LOGGING_CONFIG);
        // The services share one logging system, which would label every line with the first service's name.
        properties.put("logging.include-application-name", false);
        // API documentation is meant to be on in a local platform: no warning that it is.
        properties.put("logging.level.org.springdoc.core.events.SpringDocAppInitializer", "ERROR");
        // The in-process broker logs through the same logging system as the services: keep it to warnings.
        properties.put("logging.level.kafka", "WARN");
        properties.put("logging.level.state.change.logger", "WARN");
        properties.put("logging.level.org.apache.kafka.storage", "WARN");
        properties.put("logging.level.org.apache.kafka.controller", "WARN");
        properties.put("logging.level.org.apache.kafka.raft", "WARN");
        // One shutdown hook for the whole platform, so that services stop before the servers they use; logging too
        // is stopped by nobody else, so that the log shows the stop to its end.
        properties.put("spring.main.register-shutdown-hook", false);
        properties.put("logging.register-shutdown-hook", false);
        // A local platform's runs (the demo trains Taiwan twice) compare the models by 3-fold cross-validation
        // without a hyper-parameter search: seconds rather than minutes on 2 cores (docs/training.md).
        properties.put("training.cross-validation.folds", 3);
        properties.put("training.search.trials", 1);
        // Passed as command-line arguments: they win over the service's own configuration file, as they would
        // for a service started on its own with the same arguments.
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        register(name, builder.bannerMode(Banner.Mode.OFF).run(args));
    }

    private Path logFile() {
        return settings.dataDirectory().toAbsolutePath().resolve("logs").resolve("platform.log");
    }

    /** The admin API key of the scoring API, as written to {@code <data-dir>/api-key}. */
    public String apiKey() {
        return apiKey;
    }

    public StandaloneSettings settings() {
        return settings;
    }

    String banner() {
        var data = settings.dataDirectory().toAbsolutePath();
        return """

                ================================================================================
                 Credit Scoring Platform is running (standalone)
                --------------------------------------------------------------------------------
                 scoring-api        http://localhost:%d   (OpenAPI: /swagger-ui.html)
                 ingestion-service  http://localhost:%d
                 training-service   http://localhost:%d
                 drift-monitor      http://localhost:%d
                 console            http://localhost:%d   (sign in with the API key below)
                 Kafka              %s   (try: kcat -b %s -L)
                 PostgreSQL         %s   (user postgres)
                 data               %s
                 log                %s   (the console shows warnings only)
                 API key            %s
                                    (also in %s; send it as the X-API-Key header)
                 Ctrl-C stops everything.
                ================================================================================
                """.formatted(
                        settings.scoringPort(),
                        settings.ingestionPort(),
                        settings.trainingPort(),
                        settings.driftPort(),
                        settings.consolePort(),
                        settings.kafkaBootstrapServers(),
                        settings.kafkaBootstrapServers(),
                        settings.jdbcUrl(),
                        data,
                        logFile(),
                        apiKey,
                        data.resolve("api-key"));
    }

    /** Stops the services, then Kafka, then PostgreSQL. */
    @Override
    public synchronized void close() {
        closed = true;
        List<Part> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        running.clear();
        IllegalStateException failure = null;
        long started = System.nanoTime();
        for (Part part : reversed) {
            try {
                long partStarted = System.nanoTime();
                part.closeable().close();
                log.info("Stopped {} in {} ms", part.name(), (System.nanoTime() - partStarted) / 1_000_000);
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("the standalone platform did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        log.info("Standalone platform stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
        if (failure != null) {
            throw failure;
        }
    }

    /** A running server or service, named for the log. */
    private record Part(String name, AutoCloseable closeable) {}

    private void closeQuietly() {
        try {
            close();
        } catch (IllegalStateException e) {
            log.warn("Standalone platform did not stop cleanly", e);
        }
    }
}
