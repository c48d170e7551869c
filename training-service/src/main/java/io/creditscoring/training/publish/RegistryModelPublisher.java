package io.creditscoring.training.publish;

import io.creditscoring.export.onnx.OnnxModelRunner;
import io.creditscoring.export.onnx.OnnxParityGate;
import io.creditscoring.export.onnx.PipelineOnnxExporter;
import io.creditscoring.model.CreditJson;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.registry.ChampionAssessment;
import io.creditscoring.registry.GovernanceProperties;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.NewModelVersion;
import io.creditscoring.registry.PromotionPolicy;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.evaluation.ModelMetrics;
import io.creditscoring.training.run.ModelPublisher;
import io.creditscoring.training.run.TrainedModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes each trained model to the registry: exports the whole pipeline to ONNX, runs the parity gate on the
 * model's test rows (the test split; a bounded seeded sample of it for a Spark run) (ONNX Runtime against the training library's own probabilities; a model that disagrees by more
 * than 1e-5 fails the run and is never registered), then registers the version with its lineage and a drift
 * reference sample. After selection, the promotion policy decides whether the selected model becomes champion;
 * it fails closed (a champion that cannot be evaluated keeps its place), and with four-eyes on it files a
 * promotion request instead of promoting.
 */
@Component
class RegistryModelPublisher implements ModelPublisher {

    private static final Logger log = LoggerFactory.getLogger(RegistryModelPublisher.class);

    private final ModelRegistry registry;
    private final PromotionPolicy policy;
    private final GovernanceProperties governance;
    private final TrainingProperties properties;
    private final PipelineOnnxExporter exporter = new PipelineOnnxExporter();
    private final OnnxParityGate parityGate = new OnnxParityGate();

    RegistryModelPublisher(
            ModelRegistry registry,
            PromotionPolicy policy,
            GovernanceProperties governance,
            TrainingProperties properties) {
        this.registry = registry;
        this.policy = policy;
        this.governance = governance;
        this.properties = properties;
    }

    @Override
    public PublishedModel publish(TrainedModel model) {
        int version = registry.reserveVersion(model.portfolio());
        byte[] onnx = exporter.export(
                model.pipeline(),
                version,
                model.schemaVersion(),
                Map.of("metrics", CreditJson.json().writeValueAsString(metrics(model.metrics()))));
        double parity = parityGate
                .check(onnx, model.testRows(), model.testProbabilities())
                .maxAbsDiff();
        registry.register(new NewModelVersion(
                model.portfolio(),
                version,
                model.runId(),
                onnx,
                model.pipeline(),
                model.schema(),
                model.schemaVersion(),
                metrics(model.metrics()),
                model.params(),
                model.lineage(),
                parity,
                referenceSample(model)));
        log.info(
                "Run {}: {} registered as {} version {} (ONNX parity max |dp| {})",
                model.runId(),
                model.algorithm(),
                model.portfolio(),
                version,
                parity);
        return new PublishedModel(version, parity);
    }

    /** The identity the policy acts under in the promotion history and in the requests it files. */
    static final String POLICY_ACTOR = "system:training-policy";

    @Override
    public Optional<String> selected(TrainedModel model, PublishedModel published) {
        if (published == null || published.modelVersion() == null) {
            return Optional.empty();
        }
        ChampionAssessment champion = registry.aliasVersion(model.portfolio(), ModelAlias.CHAMPION)
                .map(version -> assess(model, version))
                .orElseGet(ChampionAssessment.None::new);
        // both models on the same rows: the test split, or a Spark run's sample of it
        double candidateAuc = champion instanceof ChampionAssessment.Measured
                ? model.testRowsAuc()
                : model.metrics().auc();
        var outcome = registry.promoteAfterRun(
                model.portfolio(),
                published.modelVersion(),
                candidateAuc,
                champion,
                policy,
                governance.fourEyes(),
                POLICY_ACTOR,
                "training run " + model.runId());
        String decision = outcome.request()
                .map(r -> "version " + published.modelVersion() + " is challenger; promotion request " + r.requestId()
                        + " filed for approval by an APPROVER key (four-eyes): "
                        + outcome.decision().reason())
                .orElseGet(() -> "version " + published.modelVersion()
                        + (outcome.decision().promoteToChampion() ? " is champion: " : " is challenger: ")
                        + outcome.decision().reason());
        log.info("Run {}: {}", model.runId(), decision);
        return Optional.of(decision);
    }

    /**
     * The champion's AUC on this run's test rows (the test split, or a Spark run's sample of it), so that both models
     * are judged on the same rows; Unavailable
     * (never a guess) when it cannot be loaded, cannot score the rows, or yields no AUC.
     */
    private ChampionAssessment assess(TrainedModel model, int championVersion) {
        try (OnnxModelRunner champion = OnnxModelRunner.load(
                registry.artifact(model.portfolio(), championVersion).onnx())) {
            double[] probabilities = champion.probabilities(model.testRows());
            return new ChampionAssessment.Measured(championVersion, Metrics.auc(model.testLabels(), probabilities));
        } catch (RuntimeException e) {
            // for example a champion trained on an older schema that needs inputs the new rows lack
            log.warn(
                    "Champion version {} of {} cannot be evaluated on this run's test split: {}",
                    championVersion,
                    model.portfolio(),
                    e.getMessage());
            return new ChampionAssessment.Unavailable(
                    championVersion, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A seeded sample of the training split, with this model's probabilities: the drift reference. */
    private List<NewModelVersion.ReferenceRow> referenceSample(TrainedModel model) {
        List<Map<String, Object>> rows = new ArrayList<>(model.trainingRows());
        if (rows.size() > properties.referenceSampleSize()) {
            Collections.shuffle(rows, new Random(properties.seed()));
            rows = rows.subList(0, properties.referenceSampleSize());
        }
        PipelineEvaluator evaluator = new PipelineEvaluator(model.pipeline());
        List<NewModelVersion.ReferenceRow> sample = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            sample.add(new NewModelVersion.ReferenceRow(row, evaluator.probability(row), null));
        }
        return sample;
    }

    private static Map<String, Double> metrics(ModelMetrics m) {
        return Map.of(
                "auc", m.auc(),
                "gini", m.gini(),
                "ks", m.ks(),
                "brier", m.brier(),
                "logLoss", m.logLoss(),
                "f1", m.f1());
    }
}
