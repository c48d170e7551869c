package io.creditscoring.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.model.CreditJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Compares every statistic and p-value with scipy's, to 1e-6. The fixture and the command that produced it are in
 * {@code src/test/resources/golden} ({@code generate_scipy_golden.py}, Debian's python3-scipy 1.10.1).
 */
class ScipyGoldenTest {

    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = ScipyGoldenTest.class.getResourceAsStream("/golden/scipy-golden.json")) {
            JsonNode root = CreditJson.json().readTree(in);
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(Arguments.of(c.get("name").asString(), c));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScipy(String name, JsonNode c) {
        double expected = c.get("statistic").asDouble();
        switch (c.get("test").asString()) {
            case "ks" -> {
                TestOutcome outcome = KolmogorovSmirnov.test(sorted(c.get("reference")), sorted(c.get("current")));
                assertThat(outcome.statistic()).isCloseTo(expected, within(TOLERANCE));
                assertThat(outcome.pValue()).isCloseTo(c.get("pValue").asDouble(), within(TOLERANCE));
            }
            case "chisquare" -> {
                TestOutcome outcome =
                        ChiSquareTest.test(counts(c.get("referenceLabels")), counts(c.get("currentLabels")));
                assertThat(outcome.statistic()).isCloseTo(expected, within(TOLERANCE));
                assertThat(outcome.pValue()).isCloseTo(c.get("pValue").asDouble(), within(TOLERANCE));
            }
            case "z" -> {
                TestOutcome outcome =
                        ProportionZTest.test(counts(c.get("referenceLabels")), counts(c.get("currentLabels")));
                assertThat(outcome.statistic()).isCloseTo(expected, within(TOLERANCE));
                assertThat(outcome.pValue()).isCloseTo(c.get("pValue").asDouble(), within(TOLERANCE));
            }
            case "wasserstein" -> {
                double[] reference = sorted(c.get("reference"));
                double[] current = sorted(c.get("current"));
                assertThat(WassersteinDistance.between(reference, current))
                        .isCloseTo(c.get("rawDistance").asDouble(), within(TOLERANCE));
                assertThat(Samples.populationStd(reference))
                        .isCloseTo(c.get("referenceStd").asDouble(), within(TOLERANCE));
                assertThat(WassersteinDistance.normalised(reference, Samples.populationStd(reference), current))
                        .isCloseTo(expected, within(TOLERANCE));
            }
            case "jensenshannon" ->
                assertThat(JensenShannonDistance.between(
                                counts(c.get("referenceLabels")), counts(c.get("currentLabels"))))
                        .isCloseTo(expected, within(TOLERANCE));
            case "psi" -> {
                StabilityBins bins = StabilityBins.ofSortedReference(sorted(c.get("reference")), 10);
                assertThat(bins.edges()).containsExactly(values(c.get("edges")), within(1e-12));
                double psi = StabilityBins.psi(
                        bins.shares(values(c.get("reference"))), bins.shares(values(c.get("current"))));
                assertThat(psi).isCloseTo(expected, within(TOLERANCE));
            }
            default -> throw new IllegalArgumentException("unknown golden test " + c.get("test"));
        }
    }

    private static double[] values(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double[] sorted(JsonNode array) {
        return Samples.sortedWithoutNaN(values(array));
    }

    private static java.util.TreeMap<String, Long> counts(JsonNode array) {
        String[] labels = new String[array.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = array.get(i).asString();
        }
        return Samples.countLabels(labels);
    }
}
