package io.creditscoring.scoring.score;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ReasonCode;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.scoring.ScoringProperties;
import io.creditscoring.scoring.decisionlog.DecisionLog;
import io.creditscoring.scoring.decisionlog.DecisionNotRecordedException;
import io.creditscoring.scoring.explain.ReasonExplainer;
import io.creditscoring.scoring.model.ChampionModels;
import io.creditscoring.scoring.model.ChampionModels.ModelLease;
import io.creditscoring.scoring.model.ScoringModel;
import io.creditscoring.web.ApiProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Scores applications with a portfolio's champion: validates them against the model's schema, runs the ONNX
 * session once for the whole request, turns each probability into score points and a decision, explains the
 * decisions that need it, and logs every decision: in the default durable mode a decision is only given once
 * the decision log holds it. A request is scored wholly by the one model version it leased, whatever promotion
 * happens meanwhile. Decisions given are then offered to the portfolio's challenger, if it has one
 * ({@link ShadowScoring}), which the answer never waits for.
 */
@Service
public class ScoringService {

    /** Reasons given per decision. */
    static final int MAX_REASONS = 4;

    static final String SUCCESS = "SUCCESS";
    static final String CLIENT_ERROR = "CLIENT_ERROR";
    static final String SERVER_ERROR = "SERVER_ERROR";
    private static final double[] PROBABILITY_BUCKETS =
            IntStream.rangeClosed(1, 20).mapToDouble(i -> i / 20.0).toArray();

    private final ChampionModels models;
    private final PortfolioCatalog catalog;
    private final DecisionLog decisionLog;
    private final ShadowScoring shadow;
    private final ScoringProperties properties;
    private final MeterRegistry meters;
    private final Map<String, ScoreCard> scoreCards = new ConcurrentHashMap<>();
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> probabilitySummaries = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();

    ScoringService(
            ChampionModels models,
            PortfolioCatalog catalog,
            DecisionLog decisionLog,
            ShadowScoring shadow,
            ScoringProperties properties,
            MeterRegistry meters) {
        this.models = models;
        this.catalog = catalog;
        this.decisionLog = decisionLog;
        this.shadow = shadow;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Takes the portfolio's champion for one request: 404 when the portfolio is unknown, 503 when it has no
     * champion (or it is not loaded yet).
     */
    public ModelLease lease(String portfolio) {
        return models.lease(portfolio).orElseThrow(() -> {
            if (models.hasChampion(portfolio)) {
                return ApiProblemException.unavailable(
                        "The champion model of portfolio '" + portfolio + "' is not loaded yet; retry shortly.");
            }
            if (catalog.find(portfolio).isPresent()) {
                return ApiProblemException.unavailable(
                        "Portfolio '" + portfolio + "' has no champion model: promote a model version first.");
            }
            return ApiProblemException.notFound("unknown portfolio '" + portfolio + "'");
        });
    }

    /**
     * Scores the one application of a request body with the portfolio's champion: read in one pass when it is
     * valid for the model, through the JSON tree and the validator (which word every error) otherwise.
     */
    public ScoreResult scoreOne(String portfolio, byte[] body) {
        try (ModelLease lease = lease(portfolio)) {
            ScoringModel model = lease.model();
            ApplicationInput application = OnePassBodyReader.read(body, model.validator())
                    .orElseGet(() -> ApplicationInput.of(JsonBodyReader.parse(body), "", false));
            return score(model, List.of(application)).getFirst();
        }
    }

    /** Scores the applications with the portfolio's champion, in order. */
    public List<ScoreResult> score(String portfolio, List<ApplicationInput> applications) {
        try (ModelLease lease = lease(portfolio)) {
            return score(lease.model(), applications);
        }
    }

    /**
     * Scores the applications with the given model version, in order; 400 listing every invalid field, 503 when
     * the decision log cannot record the decisions (then none is given).
     */
    public List<ScoreResult> score(ScoringModel model, List<ApplicationInput> applications) {
        long start = System.nanoTime();
        ScoreCard card = scoreCards.computeIfAbsent(model.portfolio(), p -> ScoreCard.of(properties.policyFor(p)));
        List<Map<String, Object>> rows = new ArrayList<>(applications.size());
        List<ScoreResult> results;
        try {
            results = decide(model, card, applications, rows);
        } catch (ErrorResponseException e) {
            record(model.portfolio(), e.getStatusCode().is4xxClientError() ? CLIENT_ERROR : SERVER_ERROR, start);
            throw e;
        } catch (RuntimeException e) {
            record(model.portfolio(), SERVER_ERROR, start);
            throw e;
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        List<ScoringEvent> events = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            ScoreResult result = results.get(i);
            events.add(new ScoringEvent(
                    EventIds.next(),
                    result.applicationId(),
                    result.portfolio(),
                    result.modelVersion(),
                    result.algorithm(),
                    rows.get(i),
                    result.probabilityOfDefault(),
                    result.score(),
                    result.decision(),
                    result.reasons(),
                    micros,
                    result.scoredAt()));
        }
        try {
            decisionLog.record(events);
        } catch (DecisionNotRecordedException e) {
            record(model.portfolio(), SERVER_ERROR, start);
            throw ApiProblemException.unavailable((results.size() == 1
                            ? "The decision could not be recorded in the decision log, so it is not given"
                            : "The decisions could not be recorded in the decision log, so none of them is given")
                    + ": Kafka did not acknowledge the scoring event in time. Retry later.");
        }
        record(model.portfolio(), SUCCESS, start);
        DistributionSummary probabilities = probabilitySummary(model.portfolio());
        for (ScoreResult result : results) {
            decisionCounter(model.portfolio(), result.decision()).increment();
            probabilities.record(result.probabilityOfDefault());
        }
        // only decisions given (logged) are shadow scored; the challenger's result never reaches the answer
        shadow.offer(model, card, rows, events);
        return results;
    }

    /** Records the request's time, the decision log's acknowledgement included, under its outcome. */
    private void record(String portfolio, String outcome, long start) {
        requestTimer(portfolio, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /**
     * Validates, scores in one ONNX Runtime call, decides and explains: the whole answer without the metrics
     * and the decision log.
     *
     * @param rows receives each application's normalised features
     */
    static List<ScoreResult> decide(
            ScoringModel model, ScoreCard card, List<ApplicationInput> applications, List<Map<String, Object>> rows) {
        List<SchemaViolation> errors = new ArrayList<>();
        for (ApplicationInput application : applications) {
            rows.add(application.validate(model.validator(), errors));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation(
                    "The request has " + errors.size() + " invalid field(s) for portfolio " + model.portfolio() + ".",
                    errors);
        }
        double[] probabilities = model.probabilities(rows);
        Instant scoredAt = Instant.now();
        List<ScoreResult> results = new ArrayList<>(applications.size());
        for (int i = 0; i < probabilities.length; i++) {
            ApplicationInput application = applications.get(i);
            double pd = probabilities[i];
            Decision decision = card.decision(pd);
            List<ReasonCode> reasons = decision != Decision.APPROVE || application.includeReasons()
                    ? reasons(model, rows.get(i))
                    : List.of();
            results.add(new ScoreResult(
                    application.applicationId(),
                    model.portfolio(),
                    model.version(),
                    model.algorithm(),
                    pd,
                    card.points(pd),
                    decision,
                    reasons,
                    scoredAt));
        }
        return results;
    }

    /** The features that raised the risk most: positive contributions, largest first, at most four. */
    static List<ReasonCode> reasons(ScoringModel model, Map<String, Object> row) {
        ReasonExplainer explainer = model.explainer();
        double[] contributions = explainer.contributions(row);
        List<String> features = explainer.features();
        List<ReasonCode> reasons = new ArrayList<>(MAX_REASONS);
        boolean[] taken = new boolean[contributions.length];
        for (int k = 0; k < MAX_REASONS; k++) {
            int best = -1;
            for (int i = 0; i < contributions.length; i++) {
                if (!taken[i] && contributions[i] > 0 && (best < 0 || contributions[i] > contributions[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            String feature = features.get(best);
            String text =
                    model.schema().feature(feature).map(FeatureSpec::reasonText).orElse(feature);
            reasons.add(new ReasonCode(feature, text, contributions[best]));
        }
        return List.copyOf(reasons);
    }

    private Timer requestTimer(String portfolio, String outcome) {
        return requestTimers.computeIfAbsent(
                portfolio + '\u0000' + outcome,
                k -> Timer.builder("scoring.requests")
                        .description(
                                "Time to validate, score, decide and explain one scoring request (single or batch)")
                        .tag("portfolio", portfolio)
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .register(meters));
    }

    private DistributionSummary probabilitySummary(String portfolio) {
        return probabilitySummaries.computeIfAbsent(
                portfolio,
                p -> DistributionSummary.builder("scoring.probability.of.default")
                        .description("Probability of default of every scored application")
                        .tag("portfolio", p)
                        .serviceLevelObjectives(PROBABILITY_BUCKETS)
                        .register(meters));
    }

    private Counter decisionCounter(String portfolio, Decision decision) {
        return decisions.computeIfAbsent(
                portfolio + '\u0000' + decision,
                k -> Counter.builder("scoring.decisions")
                        .description("Decisions made, by kind")
                        .tag("portfolio", portfolio)
                        .tag("decision", decision.name())
                        .register(meters));
    }
}
