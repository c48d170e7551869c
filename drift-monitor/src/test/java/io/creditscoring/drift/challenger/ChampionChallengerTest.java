package io.creditscoring.drift.challenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.creditscoring.drift.DriftMonitorTest;
import io.creditscoring.drift.DriftProperties;
import io.creditscoring.drift.TaiwanFixture;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.ShadowScore;
import io.creditscoring.model.events.Topics;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.PromotionRequest;
import io.creditscoring.security.AuditEntry;
import io.creditscoring.security.AuditLog;
import io.creditscoring.testsupport.ServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Champion and challenger on the same matured applications, end to end: scoring events and their shadow records
 * (in both orders) and outcomes over Kafka, the comparison over HTTP, in the report, in the gauges, and the promotion
 * rule. Every expected number is computed here from the definitions (pairs of rows for AUC and DeLong's components,
 * loops for KS, Brier and ECE, Commons Math's normal distribution for the p-value), not by model-metrics.
 */
@DriftMonitorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChampionChallengerTest {

    static final String PORTFOLIO = "cc-taiwan";
    static final String FEW = "cc-taiwan-few";
    static final int MATURED = 500;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    ChampionChallenger comparisons;

    @Autowired
    ChampionChallengerScheduler scheduler;

    @Autowired
    ChampionChallengerMetrics metrics;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ModelRegistry registry;

    @Autowired
    AuditLog audit;

    /** The matured applications as sent: what the comparison must be computed on. */
    final List<Sent> matured = new ArrayList<>();

    record Sent(
            String applicationId, double champion, Decision championDecision, ShadowScore shadow, boolean defaulted) {}

    @BeforeAll
    void logDecisionsShadowsAndOutcomes() {
        for (String portfolio : List.of(PORTFOLIO, FEW)) {
            TaiwanFixture.registerModel(jdbcTemplate, portfolio, 1, 0.72, TaiwanFixture.rows(0, 300));
            TaiwanFixture.registerModel(jdbcTemplate, portfolio, 2, 0.75, TaiwanFixture.rows(0, 300));
            jdbcTemplate.update(
                    "insert into registry.model_aliases (portfolio, alias, version) values (?, 'champion', 1),"
                            + " (?, 'challenger', 2)",
                    portfolio,
                    portfolio);
        }
        Random noise = new Random(16);
        List<TaiwanFixture.Row> rows = TaiwanFixture.rows(26_000, 26_600);
        for (int i = 0; i < rows.size(); i++) {
            TaiwanFixture.Row row = rows.get(i);
            String id = "cc-" + row.id();
            ScoringEvent decision = TaiwanFixture.event(PORTFOLIO, 1, row, id);
            // a challenger that knows more: it leans towards the outcome, with noise
            double logit = Math.log(decision.probabilityOfDefault() / (1 - decision.probabilityOfDefault()))
                    + (row.defaulted() ? 0.9 : -0.3)
                    + 0.5 * noise.nextGaussian();
            double q = 1 / (1 + Math.exp(-logit));
            ShadowScore shadow = new ShadowScore(2, q, 600 - (int) Math.round(30 * logit), decide(q));
            ScoringEvent shadowed = decision.withShadow(shadow);
            if (i < 5) {
                // an older scoring of the same application: the comparison takes the latest only
                ScoringEvent older = new ScoringEvent(
                                UUID.randomUUID().toString(),
                                id,
                                PORTFOLIO,
                                1,
                                Algorithm.LOGISTIC_REGRESSION,
                                row.features(),
                                0.999,
                                100,
                                Decision.DECLINE,
                                List.of(),
                                100,
                                decision.scoredAt().minus(Duration.ofDays(1)))
                        .withShadow(new ShadowScore(2, 0.001, 900, Decision.APPROVE));
                kafka.send(Topics.SCORING_EVENTS, id, older);
            }
            // the shadow record may come first (async decision log): both orders must store one whole event
            if (i % 2 == 0) {
                kafka.send(Topics.SCORING_EVENTS, id, shadowed);
                kafka.send(Topics.SCORING_EVENTS, id, decision);
            } else {
                kafka.send(Topics.SCORING_EVENTS, id, decision);
                kafka.send(Topics.SCORING_EVENTS, id, shadowed);
            }
            if (i < MATURED) {
                kafka.send(Topics.OUTCOMES, id, new LoanOutcomeEvent(id, PORTFOLIO, row.defaulted(), Instant.now()));
                matured.add(
                        new Sent(id, decision.probabilityOfDefault(), decision.decision(), shadow, row.defaulted()));
            }
        }
        // decisions without a challenger's result, matured too: not part of the comparison
        for (TaiwanFixture.Row row : TaiwanFixture.rows(26_600, 26_650)) {
            String id = "cc-plain-" + row.id();
            kafka.send(Topics.SCORING_EVENTS, id, TaiwanFixture.event(PORTFOLIO, 1, row, id));
            kafka.send(Topics.OUTCOMES, id, new LoanOutcomeEvent(id, PORTFOLIO, row.defaulted(), Instant.now()));
        }
        // another portfolio with too few matured applications to compare
        for (TaiwanFixture.Row row : TaiwanFixture.rows(26_700, 26_760)) {
            String id = "few-" + row.id();
            ScoringEvent decision = TaiwanFixture.event(FEW, 1, row, id);
            kafka.send(Topics.SCORING_EVENTS, id, decision.withShadow(new ShadowScore(2, 0.2, 640, Decision.REFER)));
            kafka.send(Topics.OUTCOMES, id, new LoanOutcomeEvent(id, FEW, row.defaulted(), Instant.now()));
        }
        kafka.flush();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> count("select count(*) from monitoring.scoring_events where portfolio = ?", PORTFOLIO)
                                == 655
                        && count(
                                        "select count(*) from monitoring.scoring_events where portfolio = ?"
                                                + " and shadow_model_version is not null",
                                        PORTFOLIO)
                                == 605
                        && count("select count(*) from monitoring.outcomes where portfolio = ?", PORTFOLIO) == 550
                        && count("select count(*) from monitoring.outcomes where portfolio = ?", FEW) == 60);
    }

    @Test
    void comparesBothModelsOnTheSameMaturedApplications() {
        ResponseEntity<JsonNode> answer = client().get("/v1/portfolios/" + PORTFOLIO + "/champion-challenger");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode c = answer.getBody();
        Expected e = expected();
        assertThat(c.get("portfolio").asString()).isEqualTo(PORTFOLIO);
        assertThat(c.get("championVersion").asInt()).isEqualTo(1);
        assertThat(c.get("challengerVersion").asInt()).isEqualTo(2);
        assertThat(c.get("windowId").isNull()).isTrue();
        assertThat(c.get("shadowScoredApplications").asInt()).isEqualTo(600);
        assertThat(c.get("maturedApplications").asInt()).isEqualTo(MATURED);
        assertThat(c.get("defaults").asInt()).isEqualTo(e.defaults);
        assertThat(c.get("comparable").asBoolean()).isTrue();
        assertModel(c.get("champion"), 1, e.champion);
        assertModel(c.get("challenger"), 2, e.challenger);
        JsonNode difference = c.get("aucDifference");
        assertThat(difference.get("difference").asDouble()).isCloseTo(e.challenger.auc - e.champion.auc, offset(1e-12));
        assertThat(difference.get("standardError").asDouble()).isCloseTo(e.standardError, offset(1e-12));
        assertThat(difference.get("z").asDouble()).isCloseTo(e.z, offset(1e-9));
        assertThat(difference.get("pValue").asDouble()).isCloseTo(e.pValue, offset(1e-9));
        assertThat(e.pValue)
                .as("the challenger is built to be better with significance")
                .isLessThan(0.05);
        JsonNode differ = c.get("decisionsDiffer");
        assertThat(differ.get("count").asInt()).isEqualTo(e.differing.size());
        assertThat(differ.get("share").asDouble()).isCloseTo(e.differing.size() / (double) MATURED, offset(1e-12));
        assertThat(differ.get("sample")).hasSize(10);
        for (int i = 0; i < 10; i++) {
            JsonNode d = differ.get("sample").get(i);
            Sent sent = e.differing.get(i);
            assertThat(d.get("applicationId").asString()).isEqualTo(sent.applicationId());
            assertThat(d.get("champion").asString())
                    .isEqualTo(sent.championDecision().name());
            assertThat(d.get("challenger").asString())
                    .isEqualTo(sent.shadow().decision().name());
            assertThat(d.get("defaulted").asBoolean()).isEqualTo(sent.defaulted());
        }
    }

    @Test
    void theDecisionLogServesTheShadowBesideTheDecision() {
        Sent first = matured.getFirst();
        JsonNode decisions = client().get("/v1/portfolios/" + PORTFOLIO + "/decisions/" + first.applicationId())
                .getBody();

        assertThat(decisions).hasSize(2);
        JsonNode newest = decisions.get(0);
        assertThat(newest.get("probabilityOfDefault").asDouble()).isEqualTo(first.champion());
        assertThat(newest.get("shadow").get("modelVersion").asInt()).isEqualTo(2);
        assertThat(newest.get("shadow").get("probabilityOfDefault").asDouble())
                .isEqualTo(first.shadow().probabilityOfDefault());
        assertThat(newest.get("shadow").get("score").asInt())
                .isEqualTo(first.shadow().score());
        assertThat(newest.get("shadow").get("decision").asString())
                .isEqualTo(first.shadow().decision().name());
        String plain =
                "cc-plain-" + TaiwanFixture.rows(26_600, 26_601).getFirst().id();
        JsonNode unshadowed = client().get("/v1/portfolios/" + PORTFOLIO + "/decisions/" + plain)
                .getBody();
        assertThat(unshadowed.get(0).get("shadow").isNull()).isTrue();
    }

    @Test
    void tooFewMaturedApplicationsAreCountedNotCompared() {
        JsonNode c =
                client().get("/v1/portfolios/" + FEW + "/champion-challenger").getBody();

        assertThat(c.get("comparable").asBoolean()).isFalse();
        assertThat(c.get("maturedApplications").asInt()).isEqualTo(60);
        assertThat(c.get("note").asString()).isEqualTo("60 matured applications; the comparison needs 200");
        assertThat(c.get("champion").isNull()).isTrue();
        assertThat(c.get("aucDifference").isNull()).isTrue();
    }

    @Test
    void answersNotFoundWithoutAMatchingShadowScore() {
        for (String path : List.of(
                "/v1/portfolios/cc-none/champion-challenger",
                "/v1/portfolios/" + PORTFOLIO + "/champion-challenger?challengerVersion=7")) {
            ResponseEntity<JsonNode> answer = client().get(path);
            assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void theWindowsReportShowsTheComparison() {
        int status = client().postJson("/v1/portfolios/" + PORTFOLIO + "/drift/evaluate", Map.of())
                .getStatusCode()
                .value();
        assertThat(status).isIn(200, 409);
        long windowId = jdbc.sql("select max(window_id) from monitoring.drift_windows where portfolio = ?")
                .param(PORTFOLIO)
                .query(Long.class)
                .single();

        JsonNode inWindow = client().get("/v1/portfolios/" + PORTFOLIO + "/champion-challenger?windowId=" + windowId)
                .getBody();
        String report = client().getText("/v1/portfolios/" + PORTFOLIO + "/drift/reports/" + windowId);

        Expected e = expected();
        assertThat(inWindow.get("windowId").asLong()).isEqualTo(windowId);
        assertThat(inWindow.get("maturedApplications").asInt()).isEqualTo(MATURED);
        assertThat(report)
                .contains("Champion vs challenger (shadow scoring)")
                .contains("Champion version 1")
                .contains("2 (scored in the shadow, never given)")
                .contains(String.format(Locale.ROOT, "%.4f", e.champion.auc))
                .contains(String.format(Locale.ROOT, "%.4f", e.challenger.auc))
                .contains(String.format(Locale.ROOT, "%.4g", e.pValue))
                .contains("Decisions differ on " + e.differing.size() + " of " + MATURED)
                .contains(e.differing.getFirst().applicationId());
    }

    @Test
    @Order(1) // before the rule's own test files a request
    void thePeriodicCheckSetsTheGaugesAndTheRuleIsOffByDefault() {
        scheduler.checkAll();

        Expected e = expected();
        assertThat(gauge("drift.champion.challenger.auc", "champion")).isCloseTo(e.champion.auc, offset(1e-12));
        assertThat(gauge("drift.champion.challenger.auc", "challenger")).isCloseTo(e.challenger.auc, offset(1e-12));
        assertThat(gauge("drift.champion.challenger.ece", "challenger")).isCloseTo(e.challenger.ece, offset(1e-12));
        assertThat(meters.get("drift.champion.challenger.auc.p.value")
                        .tag("portfolio", PORTFOLIO)
                        .gauge()
                        .value())
                .isCloseTo(e.pValue, offset(1e-9));
        assertThat(meters.get("drift.champion.challenger.matured.rows")
                        .tag("portfolio", PORTFOLIO)
                        .gauge()
                        .value())
                .isEqualTo(MATURED);
        assertThat(registry.promotionRequests(PORTFOLIO, null, 10)).isEmpty();
        assertThat(client().getText("/actuator/prometheus"))
                .contains(
                        "drift_champion_challenger_auc{",
                        "drift_champion_challenger_auc_p_value{",
                        "drift_champion_challenger_decisions_differ_share{");
    }

    @Test
    void theRuleFilesOnePromotionRequestForABetterChallengerAsTheDriftMonitorAndAuditsIt() {
        ChallengerPromotionRule rule = new ChallengerPromotionRule(
                registry, audit, jdbc, metrics, new DriftProperties.PromotionRequest(true, 0.05, 400));
        ChampionChallengerComparison comparison =
                comparisons.compare(PORTFOLIO, null, null, null).orElseThrow();

        ChallengerPromotionRule.Outcome filed = rule.consider(comparison);
        ChallengerPromotionRule.Outcome again = rule.consider(comparison);

        assertThat(filed.request()).isPresent();
        PromotionRequest request = filed.request().get();
        assertThat(request.portfolio()).isEqualTo(PORTFOLIO);
        assertThat(request.modelVersion()).isEqualTo(2);
        assertThat(request.alias()).isEqualTo("champion");
        assertThat(request.requestedBy()).isEqualTo("system:drift-monitor");
        assertThat(request.status()).isEqualTo(PromotionRequest.Status.PENDING);
        assertThat(request.reason()).contains("DeLong", "500 matured applications");
        assertThat(again.request()).isEmpty();
        assertThat(again.reason()).isEqualTo("a request to make version 2 champion exists already");
        assertThat(registry.promotionRequests(PORTFOLIO, null, 10)).hasSize(1);
        assertThat(registry.aliasVersion(PORTFOLIO, io.creditscoring.registry.ModelAlias.CHAMPION))
                .contains(1);
        List<AuditEntry> rows = audit.find(null, null, "promotion.request", 100);
        assertThat(rows)
                .filteredOn(a -> a.target().equals(PORTFOLIO + " v2 -> champion"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.keyId()).isEqualTo("system:drift-monitor");
                    assertThat(a.detail()).contains(request.requestId().toString());
                });
    }

    @Test
    void theRuleLeavesAChallengerAloneThatIsNotBetterWithSignificance() {
        ChallengerPromotionRule rule = new ChallengerPromotionRule(
                registry, audit, jdbc, metrics, new DriftProperties.PromotionRequest(true, 0.05, 400));
        ChampionChallengerComparison real =
                comparisons.compare(PORTFOLIO, null, null, null).orElseThrow();
        ChampionChallengerComparison worse = withDifference(real, -0.03, 0.001);
        ChampionChallengerComparison notSignificant = withDifference(real, 0.03, 0.2);

        assertThat(rule.consider(worse).request()).isEmpty();
        assertThat(rule.consider(notSignificant).reason())
                .isEqualTo("challenger not better with significance: AUC difference +0.0300, p 0.2000 (alpha 0.05)");
        ChallengerPromotionRule strict = new ChallengerPromotionRule(
                registry, audit, jdbc, metrics, new DriftProperties.PromotionRequest(true, 0.05, 501));
        assertThat(strict.consider(real).reason()).isEqualTo("500 matured applications; the rule needs 501");
    }

    private static ChampionChallengerComparison withDifference(
            ChampionChallengerComparison c, double difference, double pValue) {
        return new ChampionChallengerComparison(
                c.portfolio(),
                c.championVersion(),
                c.challengerVersion(),
                c.windowId(),
                c.shadowScoredApplications(),
                c.maturedApplications(),
                c.defaults(),
                true,
                null,
                c.champion(),
                c.challenger(),
                new ChampionChallengerComparison.AucDifference(difference, 0.01, difference / 0.01, pValue),
                c.decisionsDiffer(),
                c.evaluatedAt());
    }

    private double gauge(String name, String model) {
        return meters.get(name)
                .tags("portfolio", PORTFOLIO, "model", model)
                .gauge()
                .value();
    }

    private static void assertModel(JsonNode node, int version, ModelExpected expected) {
        assertThat(node.get("modelVersion").asInt()).isEqualTo(version);
        assertThat(node.get("auc").asDouble()).isCloseTo(expected.auc, offset(1e-12));
        assertThat(node.get("ks").asDouble()).isCloseTo(expected.ks, offset(1e-12));
        assertThat(node.get("brier").asDouble()).isCloseTo(expected.brier, offset(1e-12));
        assertThat(node.get("ece").asDouble()).isCloseTo(expected.ece, offset(1e-12));
        assertThat(node.get("approvalRate").asDouble()).isCloseTo(expected.approvalRate, offset(1e-12));
    }

    record ModelExpected(double auc, double ks, double brier, double ece, double approvalRate) {}

    record Expected(
            int defaults,
            ModelExpected champion,
            ModelExpected challenger,
            double standardError,
            double z,
            double pValue,
            List<Sent> differing) {}

    /** The comparison from its definitions, on the matured applications as sent. */
    private Expected expected() {
        int n = matured.size();
        double[] a = new double[n];
        double[] b = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = matured.get(i).champion();
            b[i] = matured.get(i).shadow().probabilityOfDefault();
            y[i] = matured.get(i).defaulted();
        }
        // DeLong's components, pair by pair
        List<Integer> bad = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (y[i] ? bad : good).add(i);
        }
        int m = bad.size();
        int k = good.size();
        double[][] v10 = new double[2][m];
        double[][] v01 = new double[2][k];
        double[][] p = {a, b};
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) {
                    double x = p[r][bad.get(i)];
                    double z = p[r][good.get(j)];
                    double psi = x > z ? 1 : x == z ? 0.5 : 0;
                    v10[r][i] += psi / k;
                    v01[r][j] += psi / m;
                }
            }
        }
        double varA = covariance(v10[0], v10[0]) / m + covariance(v01[0], v01[0]) / k;
        double varB = covariance(v10[1], v10[1]) / m + covariance(v01[1], v01[1]) / k;
        double cov = covariance(v10[0], v10[1]) / m + covariance(v01[0], v01[1]) / k;
        double se = Math.sqrt(varA + varB - 2 * cov);
        double aucA = mean(v10[0]);
        double aucB = mean(v10[1]);
        double z = (aucB - aucA) / se;
        double pValue = 2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs(z)));
        List<Sent> differing = matured.stream()
                .filter(s -> s.championDecision() != s.shadow().decision())
                .sorted(java.util.Comparator.comparing(Sent::applicationId))
                .toList();
        long approvedA = matured.stream()
                .filter(s -> s.championDecision() == Decision.APPROVE)
                .count();
        long approvedB = matured.stream()
                .filter(s -> s.shadow().decision() == Decision.APPROVE)
                .count();
        return new Expected(
                m,
                new ModelExpected(aucA, ks(a, y), brier(a, y), ece(a, y), approvedA / (double) n),
                new ModelExpected(aucB, ks(b, y), brier(b, y), ece(b, y), approvedB / (double) n),
                se,
                z,
                pValue,
                differing);
    }

    /** Largest gap between the shares of defaulters and of others scoring at most t, over every t scored. */
    private static double ks(double[] p, boolean[] y) {
        int bad = 0;
        for (boolean d : y) {
            bad += d ? 1 : 0;
        }
        double widest = 0;
        for (double t : p) {
            int badBelow = 0;
            int goodBelow = 0;
            for (int i = 0; i < p.length; i++) {
                if (p[i] <= t) {
                    if (y[i]) {
                        badBelow++;
                    } else {
                        goodBelow++;
                    }
                }
            }
            widest = Math.max(widest, Math.abs(badBelow / (double) bad - goodBelow / (double) (p.length - bad)));
        }
        return widest;
    }

    private static double brier(double[] p, boolean[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double error = p[i] - (y[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / p.length;
    }

    /** Ten bins [k/10, (k+1)/10): rows-weighted gap between mean probability and default rate. */
    private static double ece(double[] p, boolean[] y) {
        double total = 0;
        for (int bin = 0; bin < 10; bin++) {
            int rows = 0;
            double probabilities = 0;
            int defaults = 0;
            for (int i = 0; i < p.length; i++) {
                if (Math.min(9, (int) (p[i] * 10)) == bin) {
                    rows++;
                    probabilities += p[i];
                    defaults += y[i] ? 1 : 0;
                }
            }
            if (rows > 0) {
                total += rows / (double) p.length * Math.abs(probabilities / rows - defaults / (double) rows);
            }
        }
        return total;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double covariance(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (x.length - 1);
    }

    private static Decision decide(double p) {
        return p < 0.25 ? Decision.APPROVE : p < 0.45 ? Decision.REFER : Decision.DECLINE;
    }

    private int count(String sql, String portfolio) {
        return jdbc.sql(sql).param(portfolio).query(Integer.class).single();
    }

    private ServiceClient client() {
        return ServiceClient.onPort(port);
    }
}
