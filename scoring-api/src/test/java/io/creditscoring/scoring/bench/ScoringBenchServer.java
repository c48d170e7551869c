package io.creditscoring.scoring.bench;

import static org.awaitility.Awaitility.await;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ModelEvent;
import io.creditscoring.model.events.ModelEventType;
import io.creditscoring.model.events.Topics;
import io.creditscoring.scoring.ScoringApiApplication;
import io.creditscoring.scoring.fixtures.TaiwanXgboostChampion;
import io.creditscoring.scoring.model.ChampionModels;
import io.creditscoring.scoring.model.ScoringModel;
import io.creditscoring.scoring.model.ScoringModels;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.SharedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The HTTP benchmark target: the scoring API on port 8080 ({@code -Dbench.port} for another) against a real
 * (embedded) PostgreSQL and Kafka broker, serving the 300-tree Taiwan XGBoost champion, with the API key
 * {@code bench-key}. Writes the request bodies wrk replays to {@code target/bench/approve.jsonl} (applicants the
 * model approves) and {@code target/bench/mixed.jsonl} (every applicant in data-set order, so REFER and DECLINE
 * with TreeSHAP reasons). {@code -Dbench.kafka.bootstrap=host:port} uses a broker started elsewhere ({@link
 * BenchBroker}) instead of one in this JVM. Run it as docs/benchmarks.md says.
 */
public final class ScoringBenchServer {

    public static final String API_KEY = "bench-key";

    /** {@code -Dbench.promotions=N}: promote N more versions of the champion while the server runs. */
    static final int PROMOTIONS = Integer.getInteger("bench.promotions", 0);

    /**
     * {@code -Dbench.challenger=true}: the portfolio also has a challenger (another version of the same ensemble, so
     * that shadow scoring costs what a challenger of the champion's size costs), shadow scored on every request.
     */
    static final boolean CHALLENGER = Boolean.getBoolean("bench.challenger");

    static final Duration PROMOTION_DELAY = Duration.parse(System.getProperty("bench.promotion.delay", "PT60S"));
    static final Duration PROMOTION_INTERVAL = Duration.parse(System.getProperty("bench.promotion.interval", "PT10S"));

    /** A broker outside this JVM ({@link BenchBroker}); unset: an embedded broker in this JVM. */
    static final String KAFKA = System.getProperty("bench.kafka.bootstrap");

    private ScoringBenchServer() {}

    public static void main(String[] args) throws Exception {
        TaiwanXgboostChampion champion = new TaiwanXgboostChampion();
        SharedPostgres.migrate("registry");
        JdbcClient jdbc = JdbcClient.create(SharedPostgres.dataSource());
        int challenger = 2 + PROMOTIONS;
        for (int version = 1; version <= (CHALLENGER ? challenger : 1 + PROMOTIONS); version++) {
            jdbc.sql("""
                            insert into registry.model_versions (portfolio, version, algorithm, onnx, onnx_sha256,
                                pipeline_json, schema_json, schema_version, metrics, params, lineage,
                                parity_max_abs_diff)
                            values (?, ?, 'XGBOOST', ?, ?, ?::jsonb, ?::jsonb, 1, '{}', '{}', '{}', 0)
                            on conflict do nothing
                            """)
                    .params(
                            champion.schema.portfolio(),
                            version,
                            champion.onnx,
                            Sha256.hex(champion.onnx),
                            CreditJson.json().writeValueAsString(champion.pipeline),
                            CreditJson.json().writeValueAsString(champion.schema))
                    .update();
        }
        jdbc.sql("insert into registry.model_aliases (portfolio, alias, version) values (?, 'champion', 1)"
                        + " on conflict do nothing")
                .param(champion.schema.portfolio())
                .update();
        if (CHALLENGER) {
            jdbc.sql("insert into registry.model_aliases (portfolio, alias, version) values (?, 'challenger', ?)"
                            + " on conflict do nothing")
                    .params(champion.schema.portfolio(), challenger)
                    .update();
        }
        writeBodies(champion);

        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + SharedPostgres.jdbcUrl(),
                "--spring.datasource.username=" + SharedPostgres.username(),
                "--spring.datasource.password=" + SharedPostgres.password(),
                "--spring.kafka.bootstrap-servers=" + (KAFKA != null ? KAFKA : SharedKafka.bootstrapServers()),
                "--platform.security.bootstrap-key=" + API_KEY,
                "--server.port=" + Integer.getInteger("bench.port", 8080),
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=ERROR"));
        arguments.addAll(List.of(args));
        ConfigurableApplicationContext context = ScoringApiApplication.builder().run(arguments.toArray(String[]::new));
        System.out.println("BENCH SERVER READY on http://localhost:"
                + context.getEnvironment().getProperty("local.server.port") + " (portfolio "
                + champion.schema.portfolio() + ", API key " + API_KEY + ")");
        if (PROMOTIONS > 0) {
            promote(context, jdbc, champion.schema.portfolio());
        }
    }

    /**
     * Promotes versions 2, 3, ... in turn, {@link #PROMOTION_INTERVAL} apart after a first wait of
     * {@link #PROMOTION_DELAY}, the way the registry does: the alias row, then a PROMOTED event.
     */
    private static void promote(ConfigurableApplicationContext context, JdbcClient jdbc, String portfolio) {
        ScheduledExecutorService promotions = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger(2);
        promotions.scheduleWithFixedDelay(
                () -> {
                    int version = next.getAndIncrement();
                    if (version > 1 + PROMOTIONS) {
                        promotions.shutdown();
                        return;
                    }
                    promoteOne(context, jdbc, portfolio, version);
                },
                PROMOTION_DELAY.toMillis(),
                PROMOTION_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    private static void promoteOne(
            ConfigurableApplicationContext context, JdbcClient jdbc, String portfolio, int version) {
        KafkaTemplate<Object, Object> kafka = context.getBean(KafkaTemplate.class);
        ChampionModels models = context.getBean(ChampionModels.class);
        jdbc.sql("update registry.model_aliases set version = ? where portfolio = ? and alias = 'champion'")
                .params(version, portfolio)
                .update();
        long start = System.nanoTime();
        kafka.send(
                        Topics.MODEL_EVENTS,
                        portfolio,
                        new ModelEvent(portfolio, version, "champion", ModelEventType.PROMOTED, Instant.now()))
                .join();
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> models.servedVersions().getOrDefault(portfolio, 0) == version);
        System.out.printf(
                "%s PROMOTED v%d, serving it %d ms after the event%n",
                Instant.now(), version, (System.nanoTime() - start) / 1_000_000);
    }

    private static void writeBodies(TaiwanXgboostChampion champion) throws Exception {
        ScoringModel model = ScoringModels.load(1, champion.pipeline, champion.schema, champion.onnx);
        List<String> approve = new ArrayList<>();
        List<String> mixed = new ArrayList<>();
        Map<Decision, Integer> decisions = new java.util.EnumMap<>(Decision.class);
        for (int i = 0; i < champion.applicants.size() && (approve.size() < 2000 || mixed.size() < 2000); i++) {
            Map<String, Object> applicant = champion.applicants.get(i);
            String body = CreditJson.json()
                    .writeValueAsString(Map.of("applicationId", "taiwan-" + (i + 1), "features", applicant));
            double pd = model.probabilities(List.of(applicant))[0];
            Decision decision = pd < 0.1 ? Decision.APPROVE : pd >= 0.3 ? Decision.DECLINE : Decision.REFER;
            if (mixed.size() < 2000) {
                mixed.add(body);
                decisions.merge(decision, 1, Integer::sum);
            }
            if (decision == Decision.APPROVE && approve.size() < 2000) {
                approve.add(body);
            }
        }
        model.closeForBenchmark();
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        Files.write(dir.resolve("approve.jsonl"), approve);
        Files.write(dir.resolve("mixed.jsonl"), mixed);
        System.out.println("Bodies written to " + dir.toAbsolutePath() + "; decisions of the mixed set: " + decisions);
    }
}
