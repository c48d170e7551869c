package io.creditscoring.training.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.TargetSpec;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.dataset.LabelledRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingFitterTest {

    private static final PortfolioSchema SCHEMA = new PortfolioSchema(
            "p",
            null,
            null,
            new TargetSpec("y", "1"),
            null,
            List.of(
                    FeatureSpec.numeric("income", null, null, null),
                    FeatureSpec.numeric("constant", null, null, null),
                    FeatureSpec.categorical("region", List.of("north", "south", "east"), null),
                    new FeatureSpec(
                            "age",
                            io.creditscoring.model.portfolio.FeatureType.NUMERIC,
                            null,
                            null,
                            null,
                            null,
                            true,
                            null,
                            null,
                            null,
                            null)));

    private static List<LabelledRow> rows() {
        List<LabelledRow> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> f = new HashMap<>();
            if (i % 10 != 0) {
                f.put("income", (double) i);
            }
            f.put("constant", 1.0);
            f.put("region", i % 2 == 0 ? "north" : i < 98 ? "south" : "east");
            f.put("age", 30.0 + i);
            rows.add(new LabelledRow(Integer.toString(i), null, f, i % 3 == 0));
        }
        return rows;
    }

    @Test
    void fitsImputationScalingAndEncodingOnTheTrainingRows() {
        FittedPreprocessing fitted =
                PreprocessingFitter.fit(SCHEMA, rows(), new TrainingProperties.Preprocessing(0.995, 5, 10));

        NumericInput income = (NumericInput) fitted.scaled().inputs().getFirst();
        assertThat(income.imputeValue()).isEqualTo(50.0); // median of the 90 present values 1..99 without 10s
        assertThat(income.missingIndicator()).isTrue();
        assertThat(income.scale()).isPositive();
        CategoricalInput region = (CategoricalInput) fitted.scaled().inputs().get(1);
        assertThat(region.categories()).containsExactly("north", "south"); // east seen twice: unknown path
        assertThat(fitted.trees().inputs().getFirst()).isEqualTo(NumericInput.raw("income"));
        assertThat(fitted.dropped()).extracting(DroppedFeature::feature).containsExactly("constant");
        assertThat(fitted.excluded()).containsExactly("age");
        assertThat(fitted.scaled().features()).doesNotContain("age", "constant");
    }

    @Test
    void unknownAndMissingCategoriesWriteZeros() {
        FittedPreprocessing fitted =
                PreprocessingFitter.fit(SCHEMA, rows(), new TrainingProperties.Preprocessing(0.995, 5, 10));

        double[] unknown = ModelVectorizer.vector(fitted.scaled(), Map.of("income", 50.0, "region", "west"));
        double[] missing = ModelVectorizer.vector(fitted.scaled(), Map.of("region", "north"));

        assertThat(unknown).hasSize(4).endsWith(0.0, 0.0);
        assertThat(missing[1]).isEqualTo(1.0); // missing indicator
        assertThat(missing[2]).isEqualTo(1.0); // region=north
    }

    @Test
    void informationValueRanksAndBinsEveryModelInput() {
        List<InformationValue> table = InformationValueCalculator.table(SCHEMA, rows(), 5);

        assertThat(table)
                .extracting(InformationValue::feature)
                .containsExactlyInAnyOrder("income", "constant", "region");
        assertThat(table.getFirst().iv()).isGreaterThanOrEqualTo(table.getLast().iv());
        InformationValue income = table.stream()
                .filter(t -> t.feature().equals("income"))
                .findFirst()
                .orElseThrow();
        assertThat(income.bins()).extracting(InformationValue.Bin::label).contains("missing");
        assertThat(income.bins().stream().mapToInt(InformationValue.Bin::rows).sum())
                .isEqualTo(100);
    }
}
