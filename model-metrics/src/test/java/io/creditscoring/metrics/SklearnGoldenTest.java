package io.creditscoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metric and both curves against scikit-learn, scipy and numpy, to 1e-12. The fixture and the command that
 * produced it are in {@code src/test/resources/golden} ({@code generate_sklearn_golden.py}, Debian's
 * python3-sklearn 1.2.1).
 */
class SklearnGoldenTest {

    private static final double TOLERANCE = 1e-12;

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = SklearnGoldenTest.class.getResourceAsStream("/golden/sklearn-golden.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(Arguments.of(c.get("name").asString(), c));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalarMetricsMatchSklearnAndScipy(String name, JsonNode c) {
        ProbabilityMetrics m = metrics(c);

        assertThat(m.auc()).isCloseTo(c.get("auc").asDouble(), within(TOLERANCE));
        assertThat(m.gini()).isCloseTo(c.get("gini").asDouble(), within(TOLERANCE));
        assertThat(m.ks()).isCloseTo(c.get("ks").asDouble(), within(TOLERANCE));
        assertThat(m.brier()).isCloseTo(c.get("brier").asDouble(), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fullRocCurveIsSklearnsRocCurve(String name, JsonNode c) {
        List<ProbabilityMetrics.RocPoint> roc = metrics(c).rocCurve(Integer.MAX_VALUE);

        JsonNode expected = c.get("roc");
        assertThat(roc).hasSize(expected.size());
        for (int i = 0; i < roc.size(); i++) {
            assertThat(roc.get(i).falsePositiveRate())
                    .as("fpr %d", i)
                    .isCloseTo(expected.get(i).get(0).asDouble(), within(TOLERANCE));
            assertThat(roc.get(i).truePositiveRate())
                    .as("tpr %d", i)
                    .isCloseTo(expected.get(i).get(1).asDouble(), within(TOLERANCE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fullKsCurveIsTheEmpiricalCdfsAndItsWidestGapIsScipysKs(String name, JsonNode c) {
        ProbabilityMetrics.KsCurve curve = metrics(c).ksCurve(Integer.MAX_VALUE);

        JsonNode expected = c.get("ksCurve");
        assertThat(curve.points().getFirst()).isEqualTo(new ProbabilityMetrics.KsPoint(0, 0, 0));
        assertThat(curve.points()).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            ProbabilityMetrics.KsPoint point = curve.points().get(i + 1);
            assertThat(point.population())
                    .as("population %d", i)
                    .isCloseTo(expected.get(i).get(0).asDouble(), within(TOLERANCE));
            assertThat(point.defaults())
                    .as("defaults %d", i)
                    .isCloseTo(expected.get(i).get(1).asDouble(), within(TOLERANCE));
            assertThat(point.nonDefaults())
                    .as("non-defaults %d", i)
                    .isCloseTo(expected.get(i).get(2).asDouble(), within(TOLERANCE));
        }
        assertThat(curve.widest().gap()).isCloseTo(c.get("ks").asDouble(), within(TOLERANCE));
    }

    private static ProbabilityMetrics metrics(JsonNode c) {
        JsonNode scores = c.get("scores");
        JsonNode labels = c.get("defaulted");
        double[] p = new double[scores.size()];
        int[] y = new int[labels.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = scores.get(i).asDouble();
            y[i] = labels.get(i).asInt();
        }
        return ProbabilityMetrics.of(p, y);
    }
}
