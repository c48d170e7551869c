package io.creditscoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.drift.window.DriftMonitor;
import io.creditscoring.metrics.ProbabilityMetrics;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.ShadowScore;
import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.ServiceClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The monitor end to end on the bundled Taiwan data, through the real broker and database: each test uses its own
 * portfolio so that windows and cooldowns do not interfere.
 */
@DriftMonitorTest
class DriftMonitoringTest {

    private static final int WINDOW = 2000;
    private static final int REFERENCE = 4000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    DriftMonitor monitor;

    @Autowired
    DataSource dataSource;

    @Test
    void randomHalvesOfTaiwanShowNoDatasetDriftAndRequestNoRetrain() throws IOException {
        String portfolio = "taiwan-halves";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, REFERENCE));
        Instant beforeSending = Instant.now();
        send(portfolio, 1, TaiwanFixture.rows(REFERENCE, REFERENCE + WINDOW));

        JsonNode latest = awaitWindows(portfolio, 1).getFirst();
        assertThat(latest.get("currentRows").asInt()).isEqualTo(WINDOW);
        assertThat(latest.get("referenceRows").asInt()).isEqualTo(REFERENCE);
        assertThat(latest.get("trigger").asString()).isEqualTo("COUNT");
        assertThat(latest.get("datasetDrift").asBoolean()).isFalse();
        assertThat(latest.get("driftShare").asDouble()).isLessThan(0.5);
        assertThat(latest.get("scorePsi").asDouble()).isLessThan(0.1);
        assertThat(latest.get("retrainRequested").asBoolean()).isFalse();
        assertThat(latest.get("features"))
                .hasSize(TaiwanFixture.SCHEMA.features().size());
        JsonNode limit = feature(latest, "LIMIT_BAL");
        assertThat(limit.get("test").asString()).isEqualTo("wasserstein");
        assertThat(limit.get("threshold").asDouble()).isEqualTo(0.1);
        assertThat(limit.get("pValue").isNull()).isTrue();
        assertThat(feature(latest, "SEX").get("test").asString()).isEqualTo("jensenshannon");
        assertThat(commandsFor(portfolio)).isEmpty();
        keepReport(portfolio, latest, "calm");

        // the demo's race: the count trigger closed the window before the client asked for an evaluation; the
        // client finds the window holding its events by time instead
        ResponseEntity<JsonNode> evaluate =
                client().postJson("/v1/portfolios/" + portfolio + "/drift/evaluate", Map.of());
        assertThat(evaluate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        JsonNode windows = client().get("/v1/portfolios/" + portfolio + "/drift/windows?from=" + beforeSending)
                .getBody();
        assertThat(windows).hasSize(1);
        JsonNode window = windows.get(0);
        assertThat(window.get("windowId").asLong())
                .isEqualTo(latest.get("windowId").asLong());
        assertThat(window.get("trigger").asString()).isEqualTo("COUNT");
        assertThat(window.get("currentRows").asInt()).isEqualTo(WINDOW);
        assertThat(window.get("datasetDrift").asBoolean()).isFalse();
        assertThat(window.has("features")).isFalse();
        Instant first = Instant.parse(window.get("firstReceivedAt").asString());
        assertThat(first).isAfterOrEqualTo(beforeSending);
        assertThat(Instant.parse(window.get("lastReceivedAt").asString())).isAfterOrEqualTo(first);
        assertThat(client().get("/v1/portfolios/" + portfolio + "/drift/windows?to=" + beforeSending)
                        .getBody())
                .isEmpty();
        JsonNode full = client().get("/v1/portfolios/" + portfolio + "/drift/windows/" + window.get("windowId"))
                .getBody();
        assertThat(full.get("features")).hasSize(TaiwanFixture.SCHEMA.features().size());
        assertThat(client().get("/v1/portfolios/other/drift/windows/" + window.get("windowId"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(client().get("/v1/portfolios/" + portfolio + "/drift/windows?from=" + Instant.now() + "&to="
                                + beforeSending)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(client().get("/v1/portfolios/" + portfolio + "/drift/windows?limit=0")
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void shiftedLimitAndRecentDelayDriftAndRequestOneRetrainWithinTheCooldown() throws IOException {
        String portfolio = "taiwan-shifted";
        TaiwanFixture.registerModel(jdbc, portfolio, 3, 0.72, TaiwanFixture.rows(0, REFERENCE));
        send(portfolio, 3, shifted(TaiwanFixture.rows(10_000, 10_000 + WINDOW)));

        JsonNode first = awaitWindows(portfolio, 1).getFirst();
        Set<String> drifted = driftedFeatures(first);
        assertThat(drifted).contains("LIMIT_BAL", "PAY_0");
        assertThat(drifted).doesNotContain("AGE", "SEX", "EDUCATION", "BILL_AMT1", "PAY_AMT1");
        assertThat(feature(first, "LIMIT_BAL").get("statistic").asDouble()).isGreaterThanOrEqualTo(0.1);
        assertThat(first.get("scorePsi").asDouble()).isGreaterThanOrEqualTo(0.25);
        assertThat(first.get("scorePsiBand").asString()).isEqualTo("SHIFT");
        assertThat(first.get("retrainRequested").asBoolean()).isTrue();
        keepReport(portfolio, first, "drifted");

        List<ConsumerRecord<String, byte[]>> commands = commandsFor(portfolio);
        assertThat(commands).hasSize(1);
        JsonNode command = CreditJson.json().readTree(commands.getFirst().value());
        assertThat(command.get("reason").asString()).isEqualTo("DRIFT");
        assertThat(command.get("portfolio").asString()).isEqualTo(portfolio);
        assertThat(command.get("details").get("windowId").asLong())
                .isEqualTo(first.get("windowId").asLong());
        assertThat(command.get("details").get("scorePsi").asDouble()).isGreaterThanOrEqualTo(0.25);
        assertThat(command.get("details").get("driftedFeatures").toString()).contains("LIMIT_BAL", "PAY_0");

        // a second drifted window within the 24 h cooldown: evaluated, but no second command
        send(portfolio, 3, shifted(TaiwanFixture.rows(12_000, 12_000 + WINDOW)));
        JsonNode second = awaitWindows(portfolio, 2).getFirst();
        assertThat(second.get("windowId").asLong())
                .isGreaterThan(first.get("windowId").asLong());
        assertThat(second.get("scorePsi").asDouble()).isGreaterThanOrEqualTo(0.25);
        assertThat(second.get("retrainRequested").asBoolean()).isFalse();
        assertThat(second.get("retrainDecision").asString()).contains("cooldown");
        assertThat(commandsFor(portfolio)).hasSize(1);

        // LIMIT_BAL's history over both windows, newest first, as each window's own result says
        JsonNode secondFull = client().get("/v1/portfolios/" + portfolio + "/drift/windows/"
                        + second.get("windowId").asLong())
                .getBody();
        JsonNode history = client().get("/v1/portfolios/" + portfolio + "/drift/features/LIMIT_BAL/history")
                .getBody();
        assertThat(history.valueStream().map(p -> p.get("windowId").asLong()))
                .containsExactly(
                        second.get("windowId").asLong(), first.get("windowId").asLong());
        assertThat(history.get(0).get("statistic").asDouble())
                .isEqualTo(feature(secondFull, "LIMIT_BAL").get("statistic").asDouble());
        assertThat(history.get(1).get("statistic").asDouble())
                .isEqualTo(feature(first, "LIMIT_BAL").get("statistic").asDouble());
        assertThat(history.valueStream().allMatch(p -> p.get("drifted").asBoolean()))
                .isTrue();
        assertThat(history.get(0).get("modelVersion").asInt()).isEqualTo(3);
        assertThat(client().get("/v1/portfolios/" + portfolio + "/drift/features/LIMIT_BAL/history?limit=1")
                        .getBody())
                .hasSize(1);
        ResponseEntity<JsonNode> unknown =
                client().get("/v1/portfolios/" + portfolio + "/drift/features/NO_SUCH_FEATURE/history");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("detail").asString()).contains("NO_SUCH_FEATURE");

        String metrics = client().getText("/actuator/prometheus");
        assertThat(metrics).contains("drift_score_psi{application=\"drift-monitor\",portfolio=\"taiwan-shifted\"}");
        assertThat(metrics)
                .contains(
                        "drift_retrain_requests_total{application=\"drift-monitor\",portfolio=\"taiwan-shifted\"} 1.0");
        assertThat(metrics).containsPattern("drift_feature_statistic\\{[^}]*feature=\"LIMIT_BAL\"");
    }

    @Test
    void maturedOutcomesGiveAucAndKsAndAPerformanceDropRequestsARetrain() throws IOException {
        String portfolio = "taiwan-matured";
        // the registry claims a test AUC far above what the stand-in model reaches, so the matured AUC drops
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.95, TaiwanFixture.rows(0, REFERENCE));
        List<TaiwanFixture.Row> rows = TaiwanFixture.rows(20_000, 21_200);
        send(portfolio, 1, rows);
        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == rows.size());

        ResponseEntity<JsonNode> evaluated =
                client().postJson("/v1/portfolios/" + portfolio + "/drift/evaluate", Map.of());
        assertThat(evaluated.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode window = evaluated.getBody();
        assertThat(window.get("trigger").asString()).isEqualTo("ON_DEMAND");
        assertThat(window.get("currentRows").asInt()).isEqualTo(rows.size());
        assertThat(window.get("performance").isNull()).isTrue();
        assertThat(window.get("retrainRequested").asBoolean()).isFalse();

        for (TaiwanFixture.Row row : rows) {
            kafka.send(
                    Topics.OUTCOMES,
                    portfolio + "-" + row.id(),
                    new LoanOutcomeEvent(portfolio + "-" + row.id(), portfolio, row.defaulted(), Instant.now()));
        }
        JsonNode matured = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> client().get("/v1/portfolios/" + portfolio + "/drift/latest")
                                .getBody(),
                        latest -> latest.get("performance").has("auc")
                                && latest.get("performance").get("maturedRows").asInt() == rows.size());
        double[] probabilities = rows.stream()
                .mapToDouble(r -> TaiwanFixture.probability(r.features()))
                .toArray();
        boolean[] defaulted = new boolean[rows.size()];
        for (int i = 0; i < defaulted.length; i++) {
            defaulted[i] = rows.get(i).defaulted();
        }
        ProbabilityMetrics expected = ProbabilityMetrics.of(probabilities, defaulted);
        JsonNode performance = matured.get("performance");
        assertThat(performance.get("auc").asDouble())
                .isCloseTo(expected.auc(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(performance.get("ks").asDouble())
                .isCloseTo(expected.ks(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(performance.get("modelAuc").asDouble()).isEqualTo(0.95);
        assertThat(performance.get("degraded").asBoolean()).isTrue();
        assertThat(matured.get("retrainRequested").asBoolean()).isTrue();
        keepReport(portfolio, matured, "matured");

        List<ConsumerRecord<String, byte[]>> commands = commandsFor(portfolio);
        assertThat(commands).hasSize(1);
        assertThat(new String(commands.getFirst().value(), StandardCharsets.UTF_8))
                .contains("performance drop");
    }

    @Test
    void reportRendersTheVerdictFirstWithTestsHistogramsAndTables() throws IOException {
        String portfolio = "taiwan-report";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, 800));
        send(portfolio, 1, shifted(TaiwanFixture.rows(25_000, 25_400)));
        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == 400);
        JsonNode window = client().postJson("/v1/portfolios/" + portfolio + "/drift/evaluate", Map.of())
                .getBody();
        // a reference of 800 rows: Evidently's p-value tests
        assertThat(feature(window, "LIMIT_BAL").get("test").asString()).isEqualTo("ks");
        assertThat(feature(window, "LIMIT_BAL").get("drifted").asBoolean()).isTrue();
        assertThat(feature(window, "SEX").get("test").asString()).isEqualTo("z");
        assertThat(feature(window, "EDUCATION").get("test").asString()).isEqualTo("chisquare");
        // 400 rows are below the minimum window for a retrain, however strong the drift
        assertThat(window.get("retrainRequested").asBoolean()).isFalse();
        assertThat(window.get("retrainDecision").asString()).contains("below the minimum");

        String html = client().getText("/v1/portfolios/" + portfolio + "/drift/reports/"
                + window.get("windowId").asLong());
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html.indexOf("Drift is detected for")).isLessThan(html.indexOf("<h2>Features"));
        assertThat(html).contains("LIMIT_BAL", "<svg", "ks", "Score stability", "Adverse impact ratio", "MARRIAGE");
        assertThat(html).doesNotContain("<script", "http://cdn", "https://");
        keepReport(portfolio, window, "small-reference");

        ResponseEntity<JsonNode> missing = client().get("/v1/portfolios/other/drift/reports/"
                + window.get("windowId").asLong());
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(client().postJson("/v1/portfolios/nothing-pending/drift/evaluate", Map.of())
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aWindowClosesByAgeWhenItsFirstEventIsOlderThanTheMaximum() {
        String portfolio = "taiwan-time";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, REFERENCE));
        send(portfolio, 1, TaiwanFixture.rows(27_000, 27_050));
        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == 50);

        monitor.closeDueWindows(Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(client().get("/v1/portfolios/" + portfolio + "/drift/latest").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        monitor.closeDueWindows(Instant.now().plus(Duration.ofMinutes(61)));
        JsonNode window =
                client().get("/v1/portfolios/" + portfolio + "/drift/latest").getBody();
        assertThat(window.get("trigger").asString()).isEqualTo("TIME");
        assertThat(window.get("currentRows").asInt()).isEqualTo(50);
        assertThat(window.get("retrainRequested").asBoolean()).isFalse();
    }

    @Test
    void badEventsAreDeadLetteredWithTheirReasonAndReplaysAreIgnored() {
        String portfolio = "taiwan-dlt";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, 300));
        ScoringEvent good = TaiwanFixture.event(
                portfolio, 1, TaiwanFixture.rows(26_000, 26_001).getFirst());
        ScoringEvent unknownVersion = TaiwanFixture.event(
                portfolio, 42, TaiwanFixture.rows(26_001, 26_002).getFirst());

        kafka.send(Topics.SCORING_EVENTS, "malformed-" + portfolio, "{not json".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.SCORING_EVENTS, unknownVersion.applicationId(), unknownVersion);
        kafka.send(Topics.SCORING_EVENTS, good.applicationId(), good);
        kafka.send(Topics.SCORING_EVENTS, good.applicationId(), good); // replay

        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == 1);
        Map<String, String> reasons = deadLetterReasons(
                Topics.SCORING_EVENTS, Set.of("malformed-" + portfolio, unknownVersion.applicationId()));
        assertThat(reasons.get(unknownVersion.applicationId())).contains("unknown model version 42");
        assertThat(reasons.get("malformed-" + portfolio)).isNotBlank();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> storedEvents(portfolio) == 1);
    }

    /**
     * Outcomes come from the lenders' own topic: an application id that breaks the platform's identifier rule (a NUL,
     * which PostgreSQL's text cannot hold; more than 128 characters) is dead-lettered with the rule's reason, and the
     * outcomes around it are stored.
     */
    @Test
    void outcomesWithIdsThatBreakTheIdentifierRuleAreDeadLetteredWithTheRulesReason() {
        String portfolio = "taiwan-outcome-ids";
        String withNul = "outcome\u0000nul";
        String tooLong = "outcome-" + "x".repeat(130);
        kafka.send(
                Topics.OUTCOMES,
                "outcome-before",
                new LoanOutcomeEvent("outcome-before", portfolio, true, Instant.now()));
        kafka.send(Topics.OUTCOMES, "outcome-nul", new LoanOutcomeEvent(withNul, portfolio, true, Instant.now()));
        kafka.send(Topics.OUTCOMES, "outcome-long", new LoanOutcomeEvent(tooLong, portfolio, false, Instant.now()));
        kafka.send(
                Topics.OUTCOMES,
                "outcome-after",
                new LoanOutcomeEvent("outcome-after", portfolio, false, Instant.now()));
        kafka.flush();

        Map<String, String> reasons = deadLetterReasons(Topics.OUTCOMES, Set.of("outcome-nul", "outcome-long"));
        assertThat(reasons.get("outcome-nul")).contains("applicationId holds the control character U+0000");
        assertThat(reasons.get("outcome-long")).contains("applicationId has 138 characters; at most 128");
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> jdbc.queryForList(
                                "select application_id from monitoring.outcomes where portfolio = ?",
                                String.class,
                                portfolio),
                        ids -> ids.size() == 2);
        assertThat(jdbc.queryForList(
                        "select application_id from monitoring.outcomes where portfolio = ?", String.class, portfolio))
                .containsExactlyInAnyOrder("outcome-before", "outcome-after");
    }

    /**
     * Scoring events are stored a polled batch per statement: bad records in the middle of a batch must cost neither
     * the good records around them nor a shadow record that arrives in the same batch as its decision.
     */
    @Test
    void aBatchWithBadRecordsInItsMiddleStoresEveryGoodRecordAndMergesShadowRecords() {
        String portfolio = "taiwan-batches";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, 300));
        List<TaiwanFixture.Row> rows = TaiwanFixture.rows(26_100, 26_160);
        List<ScoringEvent> events =
                rows.stream().map(r -> TaiwanFixture.event(portfolio, 1, r)).toList();
        ScoringEvent unknownVersion = TaiwanFixture.event(
                portfolio, 7, TaiwanFixture.rows(26_160, 26_161).getFirst());
        for (int i = 0; i < events.size(); i++) {
            ScoringEvent event = events.get(i);
            kafka.send(Topics.SCORING_EVENTS, event.applicationId(), event);
            if (i % 6 == 0) {
                // the challenger's record of the same event right behind it: often the same poll
                kafka.send(
                        Topics.SCORING_EVENTS,
                        event.applicationId(),
                        event.withShadow(new ShadowScore(2, 0.5, 600, Decision.REFER)));
            }
            if (i == 20) {
                kafka.send(Topics.SCORING_EVENTS, "batch-malformed", "{\"eventId\": ".getBytes(StandardCharsets.UTF_8));
            }
            if (i == 40) {
                kafka.send(Topics.SCORING_EVENTS, unknownVersion.applicationId(), unknownVersion);
            }
        }
        kafka.flush();

        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == events.size());
        assertThat(jdbc.queryForObject(
                        "select count(*) from monitoring.scoring_events where portfolio = ?"
                                + " and shadow_model_version = 2 and shadow_decision = 'REFER'",
                        Integer.class,
                        portfolio))
                .isEqualTo(10);
        List<String> deadLettered = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> records(Topics.deadLetter(Topics.SCORING_EVENTS)).stream()
                                .map(ConsumerRecord::key)
                                .filter(k -> "batch-malformed".equals(k)
                                        || unknownVersion.applicationId().equals(k))
                                .toList(),
                        keys -> keys.size() == 2);
        assertThat(deadLettered).containsExactlyInAnyOrder("batch-malformed", unknownVersion.applicationId());
    }

    /**
     * PostgreSQL refuses a batch's statement for one record's value (a NUL character in a feature): the batch is then
     * stored one event per statement, so that only that record is dead-lettered, with PostgreSQL's reason, and every
     * other record of the batch is stored.
     */
    @Test
    void aValuePostgresRefusesDeadLettersOnlyItsRecord() {
        String portfolio = "taiwan-nul";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, 300));
        List<ScoringEvent> events = new ArrayList<>(TaiwanFixture.rows(26_200, 26_240).stream()
                .map(r -> TaiwanFixture.event(portfolio, 1, r))
                .toList());
        ScoringEvent refused = TaiwanFixture.event(
                portfolio, 1, TaiwanFixture.rows(26_240, 26_241).getFirst().with(f -> {
                    f.put("EDUCATION", "uni\u0000versity");
                    return f;
                }));
        events.add(20, refused);
        events.forEach(e -> kafka.send(Topics.SCORING_EVENTS, e.applicationId(), e));
        kafka.flush();

        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == events.size() - 1);
        List<ConsumerRecord<String, byte[]>> deadLettered = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> records(Topics.deadLetter(Topics.SCORING_EVENTS)).stream()
                                .filter(r -> r.key() != null && r.key().startsWith(portfolio + "-"))
                                .toList(),
                        records -> !records.isEmpty());
        assertThat(deadLettered).extracting(ConsumerRecord::key).containsExactly(refused.applicationId());
        Header reason = deadLettered.getFirst().headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("Unicode");
        assertThat(storedEvents(portfolio)).isEqualTo(events.size() - 1);
    }

    /**
     * A window is evaluated on the scheduler's thread, never on the consumer's: while the evaluation of a due window
     * waits for the portfolio's lock (held here, as another instance or a long evaluation would hold it), the
     * portfolio's events keep being stored, and the window then closes with exactly the events that were due.
     */
    @Test
    void eventsKeepBeingStoredWhileAWindowOfTheirPortfolioIsBeingEvaluated() throws SQLException {
        String portfolio = "taiwan-busy";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, REFERENCE));
        try (Connection holder = dataSource.getConnection();
                PreparedStatement lock = holder.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
            lock.setString(1, "drift-monitor:" + portfolio);
            lock.executeQuery().close();
            try {
                send(portfolio, 1, TaiwanFixture.rows(REFERENCE, REFERENCE + WINDOW));
                await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == WINDOW);
                // the scheduler has begun the window's evaluation and waits for the lock
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> jdbc.queryForObject(
                                        "select count(*) from pg_locks where locktype = 'advisory' and not granted",
                                        Integer.class)
                                >= 1);

                send(portfolio, 1, TaiwanFixture.rows(REFERENCE + WINDOW, REFERENCE + WINDOW + 300));

                await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == WINDOW + 300);
                assertThat(jdbc.queryForObject(
                                "select count(*) from monitoring.drift_windows where portfolio = ?",
                                Integer.class,
                                portfolio))
                        .as("no window closed while its evaluation waits")
                        .isZero();
            } finally {
                try (PreparedStatement unlock = holder.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                    unlock.setString(1, "drift-monitor:" + portfolio);
                    unlock.executeQuery().close();
                }
            }
        }

        JsonNode window = awaitWindows(portfolio, 1).getFirst();
        assertThat(window.get("trigger").asString()).isEqualTo("COUNT");
        assertThat(window.get("currentRows").asInt()).isEqualTo(WINDOW);
        assertThat(jdbc.queryForObject(
                        "select events from monitoring.open_windows where portfolio = ?", Integer.class, portfolio))
                .as("the later events are in the next window, open")
                .isEqualTo(300);
    }

    private void send(String portfolio, int version, List<TaiwanFixture.Row> rows) {
        for (TaiwanFixture.Row row : rows) {
            ScoringEvent event = TaiwanFixture.event(portfolio, version, row);
            kafka.send(Topics.SCORING_EVENTS, event.applicationId(), event);
        }
        kafka.flush();
    }

    private static List<TaiwanFixture.Row> shifted(List<TaiwanFixture.Row> rows) {
        return rows.stream()
                .map(row -> row.with(f -> {
                    f.put("LIMIT_BAL", Math.round(((Number) f.get("LIMIT_BAL")).doubleValue() * 0.7));
                    f.put("PAY_0", Math.min(8, ((Number) f.get("PAY_0")).longValue() + 2));
                    return f;
                }))
                .toList();
    }

    /** Waits until the portfolio has {@code count} windows; answers them, newest first. */
    private List<JsonNode> awaitWindows(String portfolio, int count) {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from monitoring.drift_windows where portfolio = ?",
                                Integer.class,
                                portfolio)
                        >= count);
        List<JsonNode> windows = new ArrayList<>();
        windows.add(
                client().get("/v1/portfolios/" + portfolio + "/drift/latest").getBody());
        return windows;
    }

    private int storedEvents(String portfolio) {
        return jdbc.queryForObject(
                "select count(*) from monitoring.scoring_events where portfolio = ?", Integer.class, portfolio);
    }

    private static JsonNode feature(JsonNode window, String name) {
        for (JsonNode f : window.get("features")) {
            if (f.get("name").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name + " in " + window);
    }

    private static Set<String> driftedFeatures(JsonNode window) {
        Set<String> drifted = new HashSet<>();
        for (JsonNode f : window.get("features")) {
            if (f.get("drifted").asBoolean()) {
                drifted.add(f.get("name").asString());
            }
        }
        return drifted;
    }

    private static List<ConsumerRecord<String, byte[]>> commandsFor(String portfolio) {
        return records(Topics.TRAINING_COMMANDS).stream()
                .filter(r -> portfolio.equals(r.key()))
                .toList();
    }

    /** The reason each record of these keys was dead-lettered with, once all of them are on the topic's DLT. */
    private static Map<String, String> deadLetterReasons(String topic, Set<String> keys) {
        List<ConsumerRecord<String, byte[]>> deadLetters = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> records(Topics.deadLetter(topic)).stream()
                                .filter(r -> r.key() != null && keys.contains(r.key()))
                                .toList(),
                        list -> list.size() == keys.size());
        Map<String, String> reasons = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> record : deadLetters) {
            Header header = record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
            reasons.put(record.key(), header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return reasons;
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        return TopicRecords.all(topic);
    }

    /** For a human look at the page: target/reports/drift-NAME.html. */
    private void keepReport(String portfolio, JsonNode window, String name) throws IOException {
        String html = client().getText("/v1/portfolios/" + portfolio + "/drift/reports/"
                + window.get("windowId").asLong());
        Files.createDirectories(Path.of("target", "reports"));
        Files.writeString(Path.of("target", "reports", "drift-" + name + ".html"), html);
    }

    private ServiceClient client() {
        return ServiceClient.onPort(port);
    }
}
