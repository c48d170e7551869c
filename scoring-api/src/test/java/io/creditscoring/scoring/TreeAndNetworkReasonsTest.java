package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.Activation;
import io.creditscoring.pipeline.DenseLayer;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NeuralNetworkModel;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.TreeEnsembleModel;
import io.creditscoring.scoring.fixtures.ModelRegistryFixture;
import io.creditscoring.scoring.fixtures.PipelineOnnxGraphs;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.fixtures.XgboostTrees;
import io.creditscoring.scoring.model.ChampionModels;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

@ScoringApiTest
class TreeAndNetworkReasonsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ChampionModels models;

    @Test
    void xgboostReasonsAreXgboost4jContributions() throws Exception {
        String portfolio = "taiwan-xgb";
        int rows = 400;
        float[] x = XgboostTrees.syntheticRows(rows, 11, false);
        Booster booster = XgboostTrees.train(x, rows, 40, 4, 11);
        TreeEnsembleModel ensemble = XgboostTrees.ensemble(booster);
        Preprocessing raw = new Preprocessing(XgboostTrees.FEATURES.stream()
                .<InputTransform>map(NumericInput::raw)
                .toList());
        ModelPipeline pipeline = new ModelPipeline(portfolio, Algorithm.XGBOOST, raw, ensemble, Map.of());
        promote(portfolio, pipeline, PipelineOnnxGraphs.treeEnsemble(raw, ensemble));

        float[] applicant = {30_000, 2, 160_000};
        JsonNode body = score(portfolio, TaiwanFixtures.features(30_000, 2, 160_000, "2"));

        DMatrix one = new DMatrix(applicant, 1, 3, Float.NaN);
        float[] contrib = booster.predictContrib(one, 0)[0];
        assertThat(body.get("algorithm").asString()).isEqualTo("XGBOOST");
        assertThat(body.get("probabilityOfDefault").asDouble()).isCloseTo(booster.predict(one)[0][0], within(1e-5));
        assertReasons(body, contrib);
    }

    @Test
    void neuralNetworkReasonsAreOcclusionAgainstTheTrainingMedians() {
        String portfolio = "taiwan-nn";
        Preprocessing scaled = new Preprocessing(List.of(
                new NumericInput("LIMIT_BAL", 140_000.0, 167_000.0, 130_000.0, false),
                new NumericInput("PAY_0", 0.0, -0.02, 1.12, false),
                new NumericInput("BILL_AMT1", 22_000.0, 51_000.0, 73_000.0, false)));
        NeuralNetworkModel network = new NeuralNetworkModel(List.of(
                new DenseLayer(
                        new double[][] {{-0.6, 0.9, 0.2}, {0.3, 0.5, -0.4}, {-0.2, 0.1, 0.7}},
                        new double[] {0.1, -0.2, 0.05},
                        Activation.TANH),
                new DenseLayer(new double[][] {{0.8, 1.1, 0.6}}, new double[] {-1.0}, Activation.LINEAR)));
        ModelPipeline pipeline = new ModelPipeline(portfolio, Algorithm.NEURAL_NETWORK, scaled, network, Map.of());
        promote(portfolio, pipeline, PipelineOnnxGraphs.neuralNetwork(scaled, network));

        Map<String, Object> applicant = TaiwanFixtures.features(25_000, 2, 140_000, "2");
        JsonNode body = score(portfolio, applicant);

        PipelineEvaluator evaluator = new PipelineEvaluator(pipeline);
        double margin = evaluator.margin(evaluator.vector(applicant));
        Map<String, Double> medians = Map.of("LIMIT_BAL", 140_000.0, "PAY_0", 0.0, "BILL_AMT1", 22_000.0);
        float[] expected = new float[4];
        for (int i = 0; i < 3; i++) {
            Map<String, Object> occluded = new HashMap<>(applicant);
            String feature = XgboostTrees.FEATURES.get(i);
            occluded.put(feature, medians.get(feature));
            expected[i] = (float) (margin - evaluator.margin(evaluator.vector(occluded)));
        }
        assertThat(body.get("probabilityOfDefault").asDouble())
                .isCloseTo(PipelineEvaluator.sigmoid(margin), within(1e-5));
        assertReasons(body, expected);
    }

    /** Reasons are the features with positive contribution, largest first, equal to the expected values. */
    private static void assertReasons(JsonNode body, float[] contributions) {
        List<Integer> raising = IntStream.range(0, 3)
                .filter(j -> contributions[j] > 0)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> contributions[j])
                        .reversed())
                .toList();
        JsonNode reasons = body.get("reasons");
        assertThat(body.get("decision").asString()).isNotEqualTo("APPROVE");
        assertThat(raising).isNotEmpty();
        assertThat(reasons).hasSize(raising.size());
        for (int i = 0; i < raising.size(); i++) {
            assertThat(reasons.get(i).get("feature").asString()).isEqualTo(XgboostTrees.FEATURES.get(raising.get(i)));
            assertThat(reasons.get(i).get("contribution").asDouble())
                    .isCloseTo(contributions[raising.get(i)], within(1e-5));
        }
    }

    private void promote(String portfolio, ModelPipeline pipeline, byte[] onnx) {
        var registry = new ModelRegistryFixture(jdbc, kafka);
        registry.register(1, pipeline, TaiwanFixtures.schema(portfolio), onnx);
        registry.promote(portfolio, 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> models.servedVersions().containsKey(portfolio));
    }

    private JsonNode score(String portfolio, Map<String, Object> features) {
        var response = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY)
                .post("/v1/portfolios/" + portfolio + "/score", TaiwanFixtures.request("r-" + portfolio, features));
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }
}
