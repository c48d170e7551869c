package io.creditscoring.training.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

    /**
     * A Spark run's job counts its rows by bin and the calculator labels and sums the counts: six rows counted here by
     * hand (two bins of amount's sorted values 1 1 2.5 4 4: the edges 2.5 and 4) give the table of the rows.
     */
    @Test
    void informationValuesFromCountsAreTheTableOfTheRowsCounted() {
        PortfolioSchema schema = new PortfolioSchema(
                "p",
                null,
                null,
                new TargetSpec("y", "1"),
                null,
                List.of(
                        FeatureSpec.numeric("amount", null, null, null),
                        FeatureSpec.categorical("purpose", List.of("car", "home"), null)));
        List<LabelledRow> rows = new ArrayList<>();
        Object[][] values = {{1.0, "car"}, {1.0, "home"}, {2.5, "car"}, {4.0, "boat"}, {null, null}, {4.0, "missing"}};
        boolean[] defaulted = {true, false, false, true, false, false};
        for (int i = 0; i < values.length; i++) {
            Map<String, Object> f = new HashMap<>();
            f.put("amount", values[i][0]);
            f.put("purpose", values[i][1]);
            rows.add(new LabelledRow(Integer.toString(i), null, f, defaulted[i]));
        }
        var amount = new InformationValueCalculator.BinnedFeature(
                "amount",
                List.of(
                        InformationValueCalculator.BinCount.upTo(2.5, 2, 1),
                        InformationValueCalculator.BinCount.upTo(4.0, 1, 1),
                        InformationValueCalculator.BinCount.named("missing", 1, 0)));
        // "boat" is no category; text spelled "missing" counts as missing
        var purpose = new InformationValueCalculator.BinnedFeature(
                "purpose",
                List.of(
                        InformationValueCalculator.BinCount.named("car", 1, 1),
                        InformationValueCalculator.BinCount.named("home", 1, 0),
                        InformationValueCalculator.BinCount.named("missing", 2, 0),
                        InformationValueCalculator.BinCount.named("unknown", 0, 1)));

        List<InformationValue> fromCounts = InformationValueCalculator.table(List.of(amount, purpose), 4, 2);

        assertThat(fromCounts).isEqualTo(InformationValueCalculator.table(schema, rows, 2));
        InformationValue a = fromCounts.stream()
                .filter(t -> t.feature().equals("amount"))
                .findFirst()
                .orElseThrow();
        assertThat(a.bins()).extracting(InformationValue.Bin::label).containsExactly("<= 2.5", "(2.5, 4]", "missing");
        // 2 of 4 non-defaults and 1 of 2 defaults: no evidence either way
        assertThat(a.bins().getFirst().woe()).isZero();
        assertThat(a.bins().get(1).woe()).isEqualTo(Math.log(0.25 / 0.5));
    }

    /** Bins of the same label are one (where it first came); empty bins are left out of the table. */
    @Test
    void countedBinsOfOneLabelAreOneBin() {
        var region = new InformationValueCalculator.BinnedFeature(
                "region",
                List.of(
                        InformationValueCalculator.BinCount.named("missing", 1, 0),
                        InformationValueCalculator.BinCount.named("north", 0, 0),
                        InformationValueCalculator.BinCount.named("south", 2, 1),
                        InformationValueCalculator.BinCount.named("missing", 1, 2)));

        InformationValue iv =
                InformationValueCalculator.table(List.of(region), 4, 3).getFirst();

        assertThat(iv.bins())
                .extracting(InformationValue.Bin::label, InformationValue.Bin::rows, InformationValue.Bin::defaults)
                .containsExactly(tuple("missing", 4, 2), tuple("south", 3, 1));
    }
}
