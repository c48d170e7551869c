package io.creditscoring.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.creditscoring.drift.DriftMonitorApplication;
import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.scoring.ScoringApiApplication;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.training.TrainingServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The deployment's database users, as docker-compose.yml and the Kubernetes database Job set them up: a fresh
 * PostgreSQL (password authentication for everyone but its superuser), the init SQL, then the four services started
 * in the deployment order with the environment docker-compose.yml gives each (its own user, its migration switches),
 * apart from the servers' addresses. Each service migrates exactly what it owns, does its work as its own user (a
 * portfolio import, a training run, a four-eyes promotion, scoring, the decision log, a drift evaluation, API key
 * administration, the audit log of each), and no user can write, or read, what it has no business with.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseUsersTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String PORTFOLIO = "german-loans";
    private static final int ROWS = 400;

    /** Schema owners, as the init SQL sets them (and as each service's migration switches must follow). */
    private static final Map<String, String> OWNERS = Map.of(
            "ingestion", "credit_ingestion",
            "catalog", "credit_ingestion",
            "training", "credit_training",
            "registry", "credit_training",
            "scoring", "credit_scoring",
            "security", "credit_scoring",
            "monitoring", "credit_drift");

    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private String bootstrapKey;

    @BeforeAll
    void startThePlatformAsTheDeploymentDoes() throws Exception {
        // what an operator puts in .env (the services' part of it)
        for (String variable :
                List.of("INGESTION_DB_PASSWORD", "TRAINING_DB_PASSWORD", "SCORING_DB_PASSWORD", "DRIFT_DB_PASSWORD")) {
            variables.put(variable, UUID.randomUUID().toString());
        }
        bootstrapKey = "csk_" + UUID.randomUUID().toString().replace("-", "");
        variables.put("PLATFORM_BOOTSTRAP_KEY", bootstrapKey);

        postgres = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(DatabaseUsersTest::passwordAuthentication)
                .start();
        JdbcClient.create(postgres.getPostgresDatabase())
                .sql("create database credit")
                .update();
        try (Connection admin = superuser().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute(PsqlScript.read(ROOT.resolve("k8s/database/service-users.sql"), variables));
        }

        ComposeFile compose = ComposeFile.read(ROOT.resolve("docker-compose.yml"), variables);
        // the deployment order: each service after the owners of the schemas it reads
        start("ingestion-service", IngestionServiceApplication.builder(), compose);
        start("training-service", TrainingServiceApplication.builder(), compose);
        start("scoring-api", ScoringApiApplication.builder(), compose);
        start("drift-monitor", DriftMonitorApplication.builder(), compose);
    }

    private void start(String service, SpringApplicationBuilder builder, ComposeFile compose) {
        Map<String, Object> environment = compose.environment(service);
        ConfigurableApplicationContext context = builder.bannerMode(Banner.Mode.OFF)
                .initializers(app -> app.getEnvironment()
                        .getPropertySources()
                        .addBefore(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                // the name makes Spring map it as it maps environment variables
                                new SystemEnvironmentPropertySource("docker-compose-systemEnvironment", environment)))
                .run(
                        // only where the servers are differs from docker-compose.yml
                        "--server.port=0",
                        "--spring.datasource.url=" + jdbcUrl(),
                        "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                        "--logging.level.root=WARN",
                        "--spring.main.register-shutdown-hook=false");
        services.add(context);
        ports.put(service, context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @AfterAll
    void stop() throws IOException {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void eachSharedSchemaIsMigratedByItsOwnerAlone() {
        JdbcClient db = JdbcClient.create(superuser());
        OWNERS.forEach((schema, owner) -> {
            assertThat(db.sql("select distinct installed_by from " + schema + ".flyway_schema_history")
                            .query(String.class)
                            .list())
                    .as("who migrated schema %s", schema)
                    .containsExactly(owner);
            assertThat(db.sql("select distinct tableowner from pg_tables where schemaname = ?")
                            .param(schema)
                            .query(String.class)
                            .list())
                    .as("owners of the tables in schema %s", schema)
                    .containsExactly(owner);
        });
        // the switches behind it, as docker-compose.yml sets them
        assertThat(migrates("security")).containsOnlyKeys("scoring-api");
        assertThat(migrates("catalog")).containsOnlyKeys("ingestion-service");
        assertThat(migrates("registry")).containsOnlyKeys("training-service");
        assertThat(services.stream()
                        .filter(c -> c.containsBean("outboxRelay"))
                        .map(c -> c.getEnvironment().getProperty("spring.application.name")))
                .as("services relaying the registry outbox")
                .containsExactly("training-service");
    }

    @Test
    @Order(2)
    void eachServiceDoesItsWorkAsItsOwnUser() throws IOException {
        ServiceClient ingestion = client("ingestion-service", bootstrapKey);
        ServiceClient training = client("training-service", bootstrapKey);
        ServiceClient scoring = client("scoring-api", bootstrapKey);
        ServiceClient drift = client("drift-monitor", bootstrapKey);

        // scoring-api administers keys (security is its schema); the new key works on every service
        var created = scoring.postJson(
                "/v1/admin/api-keys", Map.of("keyId", "second-approver", "roles", List.of("APPROVER", "READER")));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String approverKey = created.getBody().get("apiKey").asString();

        // ingestion: the bundled portfolio is in its catalog; the CSV is published, consumed and stored (400 rows are
        // plenty for one logistic regression and keep the test short)
        String csv = germanCredit().lines().limit(ROWS).map(line -> line + "\n").collect(Collectors.joining());
        var imported = ingestion
                .http()
                .post()
                .uri("/v1/portfolios/{p}/imports", PORTFOLIO)
                .contentType(MediaType.valueOf("text/csv"))
                .body(csv)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(imported.getStatusCode().value()).isEqualTo(200);
        assertThat(imported.getBody().get("applicationsPublished").asInt()).isEqualTo(ROWS);
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(ingestion
                                .get("/v1/portfolios/" + PORTFOLIO + "/stats")
                                .getBody()
                                .get("labeled")
                                .asLong())
                        .isEqualTo(ROWS));

        // training: reads ingestion's tables and the catalog, writes the registry; four-eyes files a request
        var run = training.postJson(
                "/v1/portfolios/" + PORTFOLIO + "/training-runs", Map.of("algorithms", List.of("LOGISTIC_REGRESSION")));
        assertThat(run.getStatusCode().value()).isEqualTo(202);
        String runId = run.getBody().get("runId").asString();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(training.get("/v1/training-runs/" + runId)
                                .getBody()
                                .get("status")
                                .asString())
                        .isIn("SUCCEEDED", "FAILED"));
        JsonNode finished = training.get("/v1/training-runs/" + runId).getBody();
        assertThat(finished.get("status").asString())
                .as("run %s: %s", runId, finished.path("failureReason"))
                .isEqualTo("SUCCEEDED");
        int version = finished.get("selectedModelVersion").asInt();
        JsonNode pending = training.get("/v1/promotion-requests?portfolio=" + PORTFOLIO + "&status=PENDING")
                .getBody();
        assertThat(pending).hasSize(1);
        var approved = client("training-service", approverKey)
                .postJson(
                        "/v1/promotion-requests/"
                                + pending.get(0).get("requestId").asString() + "/approve",
                        Map.of("comment", "grants test"));
        assertThat(approved.getStatusCode().value()).isEqualTo(200);

        // scoring: the promotion reaches it (outbox relayed by training), it loads the champion from the registry
        Map<String, Object> application = Map.of("applicationId", "grants-1", "features", firstApplication(csv));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var scored = scoring.postJson("/v1/portfolios/" + PORTFOLIO + "/score", application);
            assertThat(scored.getStatusCode().value()).isEqualTo(200);
            assertThat(scored.getBody().get("modelVersion").asInt()).isEqualTo(version);
        });

        // drift: stores the decision log, evaluates the window against the registry's reference rows
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(drift.get("/v1/portfolios/" + PORTFOLIO + "/decisions/grants-1")
                                .getStatusCode()
                                .value())
                        .isEqualTo(200));
        var evaluated = drift.postJson("/v1/portfolios/" + PORTFOLIO + "/drift/evaluate", Map.of());
        assertThat(evaluated.getStatusCode().value()).isEqualTo(200);
        assertThat(evaluated.getBody().get("referenceRows").asInt()).isPositive();

        // every service wrote its audit rows (inserted, then completed) as its own user
        assertThat(JdbcClient.create(superuser())
                        .sql("select distinct service from security.audit_log where outcome = 'SUCCEEDED'")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("ingestion-service", "training-service", "scoring-api", "drift-monitor");
    }

    @Test
    @Order(3)
    void noUserWritesWhatItDoesNotOwnNorReadsWhatItDoesNotNeed() {
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put(
                "credit_ingestion",
                List.of(
                        "insert into security.api_keys (key_id, key_sha256, roles, created_by)"
                                + " values ('rogue', 'x', array['ADMIN'], 'rogue')",
                        "update security.api_keys set roles = array['ADMIN']",
                        "update security.key_revision set revision = revision + 1",
                        "delete from security.audit_log",
                        "select count(*) from registry.model_versions",
                        "select count(*) from training.runs",
                        "select count(*) from monitoring.scoring_events",
                        "create table security.rogue (id int)"));
        refused.put(
                "credit_training",
                List.of(
                        "insert into catalog.portfolio_schemas (portfolio, version, schema_json) values ('x', 9, '{}')",
                        "delete from ingestion.applications",
                        "update ingestion.outcomes set defaulted = not defaulted",
                        "update security.api_keys set revoked_at = now()",
                        "delete from security.audit_log",
                        "select count(*) from scoring.api_keys",
                        "select count(*) from monitoring.scoring_events",
                        "create table ingestion.rogue (id int)"));
        refused.put(
                "credit_scoring",
                List.of(
                        "insert into registry.model_versions (portfolio, version) values ('x', 1)",
                        "update registry.model_aliases set version = 1",
                        "insert into registry.outbox (topic, message_key, payload) values ('t', 'k', '{}')",
                        "insert into catalog.portfolio_schemas (portfolio, version, schema_json) values ('x', 9, '{}')",
                        "select count(*) from ingestion.applications",
                        "select count(*) from monitoring.scoring_events",
                        "create table registry.rogue (id int)"));
        refused.put(
                "credit_drift",
                List.of(
                        "update security.api_keys set revoked_at = null",
                        "insert into security.api_keys (key_id, key_sha256, roles, created_by)"
                                + " values ('rogue', 'x', array['ADMIN'], 'rogue')",
                        "update security.key_revision set revision = 0",
                        "delete from security.audit_log",
                        "update registry.reference_rows set defaulted = true",
                        "insert into registry.outbox (topic, message_key, payload) values ('t', 'k', '{}')",
                        "select count(*) from ingestion.applications",
                        "select count(*) from catalog.portfolio_schemas",
                        "create table registry.rogue (id int)"));
        for (String user : OWNERS.values().stream().distinct().toList()) {
            refused.put(user, concat(refused.get(user), "create schema rogue", "create table public.rogue (id int)"));
            // ingestion alone stages its batches in temporary tables (COPY, then one insert)
            if (!user.equals("credit_ingestion")) {
                refused.put(user, concat(refused.get(user), "create temporary table rogue (id int)"));
            }
        }

        refused.forEach((user, statements) -> {
            for (String sql : statements) {
                assertThatThrownBy(() -> execute(user, sql))
                        .as("%s: %s", user, sql)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .as("%s: %s -> %s", user, sql, e.getMessage())
                                .isEqualTo("42501"));
            }
        });
    }

    @Test
    @Order(4)
    void theReadsEachServiceNeedsAreGrantedAndPasswordsAreChecked() throws SQLException {
        Map<String, List<String>> allowed = Map.of(
                "credit_ingestion", List.of("select count(*) from security.api_keys"),
                "credit_training",
                        List.of(
                                "select count(*) from ingestion.applications join ingestion.outcomes using"
                                        + " (application_id)",
                                "select count(*) from catalog.portfolio_schemas"),
                "credit_scoring",
                        List.of(
                                "select count(*) from registry.model_versions",
                                "select count(*) from catalog.portfolio_schemas"),
                "credit_drift",
                        List.of(
                                "select count(*) from registry.reference_rows",
                                "select count(*) from security.key_revision"));
        for (var entry : allowed.entrySet()) {
            for (String sql : entry.getValue()) {
                execute(entry.getKey(), sql);
            }
        }
        assertThatThrownBy(() ->
                        DriverManager.getConnection(jdbcUrl(), "credit_drift", variables.get("SCORING_DB_PASSWORD")))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    private Map<String, String> migrates(String schema) {
        String property = switch (schema) {
            case "security" -> "platform.security.migrate";
            case "catalog" -> "catalog.migrate";
            case "registry" -> "registry.migrate";
            default -> throw new IllegalArgumentException(schema);
        };
        Map<String, String> migrating = new LinkedHashMap<>();
        for (ConfigurableApplicationContext context : services) {
            if (context.getEnvironment().getProperty(property, Boolean.class, true)) {
                migrating.put(context.getEnvironment().getProperty("spring.application.name"), property);
            }
        }
        // drift-monitor has no catalog module and ingestion no registry module: their switch means nothing
        if (schema.equals("catalog")) {
            migrating.remove("drift-monitor");
        }
        if (schema.equals("registry")) {
            migrating.remove("ingestion-service");
        }
        return migrating;
    }

    private void execute(String user, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, password(user));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String password(String user) {
        return variables.get(user.substring("credit_".length()).toUpperCase() + "_DB_PASSWORD");
    }

    private ServiceClient client(String service, String key) {
        return ServiceClient.withKey(ports.get(service), key);
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/credit";
    }

    private DataSource superuser() {
        return postgres.getDatabase("postgres", "credit");
    }

    private static void passwordAuthentication(java.io.File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
                    local all postgres trust
                    host  all postgres 127.0.0.1/32 trust
                    host  all postgres ::1/128 trust
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String germanCredit() throws IOException {
        try (InputStream in = DatabaseUsersTest.class.getResourceAsStream("/datasets/german_credit.data")) {
            assertThat(in).as("bundled German credit data").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The file's first row as a scoring request's features, by the schema's columns and types. */
    private static Map<String, Object> firstApplication(String csv) {
        PortfolioSchema schema = BundledPortfolios.germanLoans();
        String[] values = csv.lines()
                .findFirst()
                .orElseThrow()
                .trim()
                .split(schema.csvLayout().delimiter());
        List<String> columns = schema.csvLayout().columns();
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            FeatureSpec feature = schema.feature(columns.get(i)).orElse(null);
            if (feature != null) {
                features.put(feature.name(), feature.isNumeric() ? (Object) Double.valueOf(values[i]) : values[i]);
            }
        }
        return features;
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
