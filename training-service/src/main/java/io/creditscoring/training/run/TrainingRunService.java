package io.creditscoring.training.run;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.TrainingCommand;
import io.creditscoring.model.events.TrainingReason;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.selection.OneStandardErrorRule;
import io.creditscoring.training.settings.InvalidParameterException;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.spark.DatasetSource;
import io.creditscoring.training.spark.DatasetSources;
import io.creditscoring.web.ApiProblemException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts training runs, from REST and from training commands: checks the request and records the run QUEUED in the
 * durable queue, where the {@link TrainingWorker} of this or another replica claims it.
 */
@Service
public class TrainingRunService {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunService.class);

    static final String LOCAL = "local";
    static final String SPARK = "spark";

    /** The most runs one comparison takes: a chart with more curves is unreadable. */
    static final int MAX_COMPARED = 10;

    private final TrainingRunRepository runs;
    private final RunListRepository list;
    private final RunQueue queue;
    private final TrainingWorker worker;
    private final PortfolioCatalog catalog;
    private final TrainingProperties properties;

    TrainingRunService(
            TrainingRunRepository runs,
            RunListRepository list,
            RunQueue queue,
            TrainingWorker worker,
            PortfolioCatalog catalog,
            TrainingProperties properties) {
        this.runs = runs;
        this.list = list;
        this.queue = queue;
        this.worker = worker;
        this.catalog = catalog;
        this.properties = properties;
    }

    /**
     * A run asked for over REST; throws 404 for an unknown portfolio, 400 for a bad request and 429 when the queue is
     * full.
     */
    public StartedRun start(String portfolio, StartRunRequest request, String requestedBy) {
        RegisteredPortfolio registered = catalog.find(portfolio)
                .orElseThrow(() -> ApiProblemException.notFound("unknown portfolio '" + portfolio + "'"));
        String engine = engine(portfolio, request == null ? null : request.engine());
        DatasetSource source = null;
        if (request != null && request.source() != null) {
            DatasetSources.Checked checked = DatasetSources.check(
                    request.source(),
                    engine,
                    registered.schema(),
                    properties.spark().sources());
            if (!checked.violations().isEmpty()) {
                throw ApiProblemException.validation("invalid parameter 'source'", checked.violations());
            }
            source = checked.source();
        }
        List<String> algorithms = algorithms(request == null ? null : request.algorithms());
        Map<String, Object> overrides = request == null || request.params() == null ? Map.of() : request.params();
        try {
            // the overrides are bound here only to refuse a bad one before the run is queued
            RunSettings.of(properties, overrides);
        } catch (InvalidParameterException e) {
            throw ApiProblemException.validation(
                    "invalid parameter '" + e.parameter() + "'",
                    List.of(new SchemaViolation("params." + e.parameter(), e.getMessage())));
        }
        UUID runId = UUID.randomUUID();
        queue.admit(new RunQueue.NewRun(
                runId,
                portfolio,
                TrainingReason.MANUAL.name(),
                requestedBy,
                null,
                algorithms,
                overrides,
                engine,
                source));
        worker.wakeUp();
        return new StartedRun(runId, RunStatus.QUEUED);
    }

    /**
     * A run asked for by a training command; a command already seen starts nothing (idempotent by command id). When
     * this returns, the run is stored: the command may be acknowledged.
     *
     * @return the new run, or empty for a replayed command
     * @throws InvalidTrainingCommandException when the command cannot be acted on (it goes to the dead-letter topic)
     * @throws RunQueueFullException when the queue is full (the command is tried again later)
     */
    public Optional<UUID> start(TrainingCommand command) {
        if (command == null || blank(command.commandId()) || blank(command.portfolio())) {
            throw new InvalidTrainingCommandException("a training command needs a commandId and a portfolio");
        }
        if (catalog.find(command.portfolio()).isEmpty()) {
            throw new InvalidTrainingCommandException(
                    "command " + command.commandId() + ": unknown portfolio '" + command.portfolio() + "'");
        }
        UUID runId = UUID.randomUUID();
        String reason = command.reason() == null
                ? TrainingReason.MANUAL.name()
                : command.reason().name();
        boolean created = queue.admit(new RunQueue.NewRun(
                runId,
                command.portfolio(),
                reason,
                command.requestedBy(),
                command.commandId(),
                defaultAlgorithms(),
                Map.of(),
                properties.engine().forPortfolio(command.portfolio()),
                null));
        if (!created) {
            log.info("Training command {} was handled before; ignored", command.commandId());
            return Optional.empty();
        }
        log.info("Training command {} ({}) queued run {}", command.commandId(), reason, runId);
        worker.wakeUp();
        return Optional.of(runId);
    }

    public Optional<RunView> find(UUID runId) {
        return runs.find(runId);
    }

    /** A Spark run's driver log, as far as it is written. */
    public Optional<java.nio.file.Path> driverLog(UUID runId) {
        return runs.sparkDriverLog(runId).map(java.nio.file.Path::of);
    }

    /** A page of the runs the filter lets through, newest first. */
    RunPage list(RunFilter filter, int page, int size) {
        return list.page(filter, page, size);
    }

    /**
     * The runs side by side, in the order asked (a repeated id counts once): 400 for fewer than two or more than
     * {@link #MAX_COMPARED}, 404 naming the first unknown run.
     */
    RunComparison compare(List<UUID> runIds) {
        List<UUID> distinct = runIds == null
                ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(
                        runIds.stream().filter(java.util.Objects::nonNull).toList()));
        if (distinct.size() < 2 || distinct.size() > MAX_COMPARED) {
            throw ApiProblemException.validation(
                    "a comparison takes 2 to " + MAX_COMPARED + " distinct runs, got " + distinct.size(),
                    List.of(new SchemaViolation("runIds", "give 2 to " + MAX_COMPARED + " distinct run ids")));
        }
        List<RunComparison.ComparedRun> compared = new ArrayList<>();
        for (UUID runId : distinct) {
            RunView run = runs.find(runId).orElseThrow(() -> ApiProblemException.notFound("no training run " + runId));
            Map<String, TestSplitCurves> curves = runs.curves(runId);
            List<RunComparison.ComparedModel> models = run.models().stream()
                    .map(m -> {
                        TestSplitCurves c = curves.get(m.algorithm());
                        return new RunComparison.ComparedModel(
                                m.algorithm(),
                                m.modelVersion(),
                                m.algorithm().equals(run.selectedAlgorithm()),
                                m.metrics(),
                                m.cvAuc(),
                                c == null ? null : c.roc(),
                                c == null ? null : new RunComparison.KsCurve(c.ks(), c.ksWidest()));
                    })
                    .toList();
            compared.add(new RunComparison.ComparedRun(
                    run.runId(),
                    run.portfolio(),
                    run.status(),
                    run.engine(),
                    run.testRows(),
                    run.lineage().datasetSha256(),
                    run.lineage().testIdsSha256(),
                    run.selectedAlgorithm(),
                    run.selectedModelVersion(),
                    run.createdAt(),
                    models));
        }
        return new RunComparison(compared);
    }

    public Optional<byte[]> report(UUID runId) {
        return runs.artifact(runId, "report.html");
    }

    /** The engine asked for, else the portfolio's default ({@code training.engine}); 400 for an unknown one. */
    private String engine(String portfolio, String requested) {
        if (requested == null || requested.isBlank()) {
            return properties.engine().forPortfolio(portfolio);
        }
        String engine = requested.trim().toLowerCase(Locale.ROOT);
        if (!engine.equals(LOCAL) && !engine.equals(SPARK)) {
            throw ApiProblemException.validation(
                    "invalid parameter 'engine'",
                    List.of(new SchemaViolation("engine", "unknown engine '" + requested + "'; use local or spark")));
        }
        return engine;
    }

    /** Every algorithm: both engines train all three (docs/spark-training.md). */
    private static List<String> defaultAlgorithms() {
        return OneStandardErrorRule.BY_COMPLEXITY.stream().map(Enum::name).toList();
    }

    private static List<String> algorithms(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return defaultAlgorithms();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<SchemaViolation> errors = new ArrayList<>();
        for (String name : requested) {
            try {
                out.add(Algorithm.valueOf(name == null ? "" : name.trim().toUpperCase(Locale.ROOT))
                        .name());
            } catch (IllegalArgumentException e) {
                errors.add(new SchemaViolation(
                        "algorithms",
                        "unknown algorithm '" + name + "'; use LOGISTIC_REGRESSION, XGBOOST or NEURAL_NETWORK"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation("invalid parameter 'algorithms'", errors);
        }
        // train in order of complexity, whatever the order asked
        return OneStandardErrorRule.BY_COMPLEXITY.stream()
                .map(Enum::name)
                .filter(out::contains)
                .toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
