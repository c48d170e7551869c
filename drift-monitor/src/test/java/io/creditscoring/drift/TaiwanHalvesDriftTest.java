package io.creditscoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.drift.stats.CurrentSample;
import io.creditscoring.drift.stats.DriftEvaluator;
import io.creditscoring.drift.stats.FeatureDrift;
import io.creditscoring.drift.stats.ReferenceColumn;
import io.creditscoring.drift.stats.ReferenceProfile;
import io.creditscoring.drift.stats.StatTest;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.pipeline.contract.RawValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The statistics alone on the full Taiwan data: two random halves of 15,000 rows each. */
class TaiwanHalvesDriftTest {

    private static final int HALF = 15_000;

    @Test
    void randomHalvesShowNoDriftOnAnyFeature() {
        DriftEvaluator.Assessment assessment =
                evaluate(TaiwanFixture.rows(0, HALF), TaiwanFixture.rows(HALF, 2 * HALF));
        assertThat(assessment.dataset().features()).hasSize(23);
        assertThat(assessment.dataset().datasetDrift()).isFalse();
        assertThat(assessment.dataset().driftedFeatures()).isZero();
        assertThat(assessment.score().psi()).isLessThan(0.01);
    }

    @Test
    void scaledLimitAndShiftedRecentDelayDriftOnExactlyThoseFeatures() {
        List<TaiwanFixture.Row> current = TaiwanFixture.rows(HALF, 2 * HALF).stream()
                .map(row -> row.with(f -> {
                    f.put("LIMIT_BAL", ((Number) f.get("LIMIT_BAL")).doubleValue() * 0.7);
                    f.put("PAY_0", ((Number) f.get("PAY_0")).doubleValue() + 2);
                    return f;
                }))
                .toList();
        DriftEvaluator.Assessment assessment = evaluate(TaiwanFixture.rows(0, HALF), current);
        Set<String> drifted = assessment.dataset().features().stream()
                .filter(FeatureDrift::drifted)
                .map(FeatureDrift::feature)
                .collect(Collectors.toSet());
        assertThat(drifted).containsExactlyInAnyOrder("LIMIT_BAL", "PAY_0");
        assertThat(assessment.dataset().features().stream()
                        .filter(f -> f.feature().equals("LIMIT_BAL"))
                        .findFirst()
                        .orElseThrow()
                        .test())
                .isEqualTo(StatTest.WASSERSTEIN);
        assertThat(assessment.dataset().datasetDrift()).isFalse(); // 2 of 23 features
        assertThat(assessment.score().psi()).isGreaterThanOrEqualTo(0.25);
    }

    private static DriftEvaluator.Assessment evaluate(
            List<TaiwanFixture.Row> reference, List<TaiwanFixture.Row> current) {
        List<ReferenceColumn> columns = new ArrayList<>();
        Map<String, double[]> numeric = new HashMap<>();
        Map<String, String[]> categorical = new HashMap<>();
        for (FeatureSpec feature : TaiwanFixture.SCHEMA.features()) {
            if (feature.isNumeric()) {
                columns.add(ReferenceColumn.numeric(feature.name(), numbers(reference, feature.name())));
                numeric.put(feature.name(), numbers(current, feature.name()));
            } else {
                columns.add(ReferenceColumn.categorical(feature.name(), labels(reference, feature.name())));
                categorical.put(feature.name(), labels(current, feature.name()));
            }
        }
        ReferenceProfile profile = ReferenceProfile.of(reference.size(), columns, probabilities(reference));
        return DriftEvaluator.evaluate(
                profile, new CurrentSample(current.size(), numeric, categorical, probabilities(current)), 0.5);
    }

    private static double[] numbers(List<TaiwanFixture.Row> rows, String feature) {
        return rows.stream()
                .mapToDouble(r -> RawValues.number(r.features().get(feature)))
                .toArray();
    }

    private static String[] labels(List<TaiwanFixture.Row> rows, String feature) {
        return rows.stream()
                .map(r -> RawValues.label(r.features().get(feature)))
                .toArray(String[]::new);
    }

    private static double[] probabilities(List<TaiwanFixture.Row> rows) {
        return rows.stream()
                .mapToDouble(r -> TaiwanFixture.probability(r.features()))
                .toArray();
    }
}
