package io.creditscoring.training.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.export.onnx.OnnxModelRunner;
import io.creditscoring.export.onnx.PipelineOnnxExporter;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.PlattScaling;
import io.creditscoring.pipeline.TreeEnsembleModel;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.training.BundledRuns;
import io.creditscoring.training.CapturingModelPublisher;
import io.creditscoring.training.LabelledDataFixture;
import io.creditscoring.training.SyntheticCredit;
import io.creditscoring.training.TrainingServiceTest;
import io.creditscoring.training.run.TrainedModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A whole run on 600 synthetic rows with 3 folds and 2 trials per algorithm, through REST and the database: what the
 * run answers about its cross-validation, its trials and its selection, and that each model is its best trial refit.
 */
@TrainingServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossValidatedSelectionTest {

    private static final String PORTFOLIO = "cv-synthetic";

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    CapturingModelPublisher published;

    UUID runId;
    JsonNode run;

    @BeforeAll
    void trainOnce() {
        catalog.registerIfAbsent(SyntheticCredit.schema(PORTFOLIO));
        LabelledDataFixture.insert(PORTFOLIO, SyntheticCredit.fixtureRows("cv-", 600, 3));
        ServiceClient client = ServiceClient.onPort(port);
        runId = BundledRuns.start(client, PORTFOLIO, """
                {"params": {"crossValidation.folds": 3, "search.trials": 2, "neuralNetwork.maxEpochs": 15}}""");
        run = BundledRuns.awaitFinished(client, runId);
    }

    @Test
    void theRunAnswersItsFoldsAndEveryTrial() {
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("trainingRows").asInt()).isEqualTo(480);
        assertThat(run.get("testRows").asInt()).isEqualTo(120);
        assertThat(run.at("/crossValidation/folds").asInt()).isEqualTo(3);
        assertThat(run.at("/crossValidation/standardErrors").asDouble()).isEqualTo(1.0);

        JsonNode trials = run.get("trials");
        assertThat(trials).hasSize(6);
        for (Algorithm algorithm : Algorithm.values()) {
            List<JsonNode> own = trialsOf(algorithm);
            assertThat(own).extracting(t -> t.get("trial").asInt()).containsExactly(1, 2);
            assertThat(own.get(0).get("values").isEmpty()).isTrue();
            assertThat(own.get(1).get("values").isEmpty()).isFalse();
            for (JsonNode trial : own) {
                double[] folds = doubles(trial.get("foldAucs"));
                assertThat(folds).hasSize(3);
                double mean = (folds[0] + folds[1] + folds[2]) / 3;
                double variance = 0;
                for (double f : folds) {
                    variance += (f - mean) * (f - mean) / 2;
                }
                assertThat(trial.get("meanAuc").asDouble()).isCloseTo(mean, within(1e-12));
                assertThat(trial.get("standardError").asDouble())
                        .isCloseTo(Math.sqrt(variance) / Math.sqrt(3), within(1e-12));
            }
            for (JsonNode trial : own) {
                assertThat(trial.get("reachedIterationCap").isNull())
                        .as("%s has iterations", algorithm)
                        .isEqualTo(algorithm == Algorithm.LOGISTIC_REGRESSION);
                if (algorithm != Algorithm.LOGISTIC_REGRESSION) {
                    assertThat(trial.get("reachedIterationCap").asBoolean())
                            .as(trial.toString())
                            .isEqualTo(trial.get("iterations").asInt() > capAndPatience(algorithm, trial));
                }
            }
            JsonNode best = bestOf(algorithm);
            assertThat(own.stream().filter(t -> t.get("best").asBoolean())).hasSize(1);
            assertThat(best.get("meanAuc").asDouble())
                    .isEqualTo(own.stream()
                            .mapToDouble(t -> t.get("meanAuc").asDouble())
                            .max()
                            .orElseThrow());
            JsonNode model = modelOf(algorithm);
            assertThat(model.get("cvAuc").asDouble())
                    .isEqualTo(best.get("meanAuc").asDouble());
            assertThat(model.get("cvAucStandardError").asDouble())
                    .isEqualTo(best.get("standardError").asDouble());
        }
    }

    @Test
    void theRunAnswersWhatItWasStartedWithAndEveryParameterItTracked() {
        assertThat(run.get("overrides").propertyNames())
                .containsExactlyInAnyOrder("crossValidation.folds", "search.trials", "neuralNetwork.maxEpochs");
        assertThat(run.at("/overrides/search.trials").asInt()).isEqualTo(2);
        assertThat(run.get("algorithms").isArray()).isTrue();
        JsonNode params = run.get("params");
        assertThat(params.path("crossValidation.folds").asString()).isEqualTo("3");
        assertThat(params.path("search.trials").asString()).isEqualTo("2");
        assertThat(params.path("neuralNetwork.maxEpochs").asString()).isEqualTo("15");
        assertThat(params.has("seed")).as(params.toString()).isTrue();
        assertThat(params.has("xgboost.maxDepth")).as(params.toString()).isTrue();
    }

    @Test
    void theSelectionIsTheSimplestModelWithinOneStandardErrorOfTheBest() {
        Algorithm best = null;
        for (Algorithm a : Algorithm.values()) {
            if (best == null
                    || modelOf(a).get("cvAuc").asDouble()
                            > modelOf(best).get("cvAuc").asDouble()) {
                best = a;
            }
        }
        double least = modelOf(best).get("cvAuc").asDouble()
                - modelOf(best).get("cvAucStandardError").asDouble();
        Algorithm expected = null;
        for (Algorithm a : List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.XGBOOST, Algorithm.NEURAL_NETWORK)) {
            if (expected == null && modelOf(a).get("cvAuc").asDouble() >= least) {
                expected = a;
            }
        }

        assertThat(run.get("selectedAlgorithm").asString()).isEqualTo(expected.name());
    }

    @Test
    void eachModelIsItsBestTrialRefitOnAllTrainingRows() {
        var models = published.of(runId);
        var xgboost = models.get(Algorithm.XGBOOST);
        int rounds = bestOf(Algorithm.XGBOOST).get("iterations").asInt();

        assertThat(rounds).isPositive();
        assertThat(((TreeEnsembleModel) xgboost.pipeline().model()).trees()).hasSize(rounds);
        assertThat(models.get(Algorithm.NEURAL_NETWORK).pipeline().metadata())
                .containsEntry(
                        "fit.epochs",
                        bestOf(Algorithm.NEURAL_NETWORK).get("iterations").asString());
        for (Algorithm algorithm : Algorithm.values()) {
            Map<String, String> params = new HashMap<>(models.get(algorithm).params());
            bestOf(algorithm)
                    .get("values")
                    .properties()
                    .forEach(e -> assertThat(params)
                            .as("%s %s", algorithm, e.getKey())
                            .containsEntry(e.getKey(), e.getValue().asString()));
            assertThat(models.get(algorithm).pipeline().metadata())
                    .containsEntry(
                            "fit.cv.trial", bestOf(algorithm).get("trial").asString())
                    .containsEntry("trainingRows", "480");
            assertThat(models.get(algorithm).testRows()).hasSize(120);
        }
    }

    @Test
    void everyModelIsCalibratedInsideItsGraphAndPassesTheParityGate() {
        for (Algorithm algorithm : Algorithm.values()) {
            TrainedModel model = published.of(runId).get(algorithm);
            ModelPipeline pipeline = model.pipeline();
            assertThat(pipeline.calibration()).as("%s", algorithm).isInstanceOf(PlattScaling.class);
            ModelPipeline uncalibrated = pipeline.withCalibration(null);
            double[] onnx;
            try (var runner = OnnxModelRunner.load(new PipelineOnnxExporter().export(pipeline, 1, 1))) {
                onnx = runner.probabilities(model.testRows());
            }
            var plain = new PipelineEvaluator(uncalibrated);
            double moved = 0;
            for (int i = 0; i < onnx.length; i++) {
                assertThat(onnx[i]).isCloseTo(model.testProbabilities()[i], within(1e-5));
                moved = Math.max(
                        moved,
                        Math.abs(onnx[i] - plain.probability(model.testRows().get(i))));
            }
            assertThat(moved)
                    .as("%s: calibration changes the probabilities", algorithm)
                    .isGreaterThan(1e-3);
            JsonNode view = modelOf(algorithm);
            assertThat(view.get("onnxParityMaxAbsDiff").asDouble()).isBetween(0.0, 1e-5);
            assertThat(view.at("/metrics/ece").asDouble()).isBetween(0.0, 1.0);
            assertThat(view.at("/metrics/eceUncalibrated").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void theReportShowsTheTrials() {
        String html = ServiceClient.onPort(port)
                .http()
                .get()
                .uri("/v1/training-runs/{id}/report", runId)
                .retrieve()
                .body(String.class);

        assertThat(html)
                .contains("id=\"trials\"", "by 3-fold cross-validation", "(best)")
                .contains("id=\"reliability\"", "before calibration, ECE", "after calibration, ECE");
    }

    /** The cap less the patience, a trial's own values over the run's parameters: a fold past it ran to the cap. */
    private int capAndPatience(Algorithm algorithm, JsonNode trial) {
        String[] names = algorithm == Algorithm.XGBOOST
                ? new String[] {"xgboost.maxRounds", "xgboost.earlyStoppingRounds"}
                : new String[] {"neuralNetwork.maxEpochs", "neuralNetwork.patience"};
        int[] settings = new int[2];
        for (int i = 0; i < 2; i++) {
            JsonNode own = trial.get("values").get(names[i]);
            settings[i] = own != null
                    ? own.asInt()
                    : Integer.parseInt(run.at("/params").get(names[i]).asString());
        }
        return settings[0] - settings[1];
    }

    private List<JsonNode> trialsOf(Algorithm algorithm) {
        List<JsonNode> out = new ArrayList<>();
        run.get("trials").forEach(t -> {
            if (t.get("algorithm").asString().equals(algorithm.name())) {
                out.add(t);
            }
        });
        return out;
    }

    private JsonNode bestOf(Algorithm algorithm) {
        return trialsOf(algorithm).stream()
                .filter(t -> t.get("best").asBoolean())
                .findFirst()
                .orElseThrow();
    }

    private JsonNode modelOf(Algorithm algorithm) {
        for (JsonNode model : run.get("models")) {
            if (model.get("algorithm").asString().equals(algorithm.name())) {
                return model;
            }
        }
        throw new AssertionError("no " + algorithm + " in " + run);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
