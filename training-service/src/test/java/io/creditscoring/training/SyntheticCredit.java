package io.creditscoring.training;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.TargetSpec;
import io.creditscoring.training.dataset.LabelledRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small portfolio whose outcomes follow a known logistic model (risk rises with utilisation, falls with income,
 * and is higher in the north), seeded: enough signal for every algorithm to learn something in moments.
 */
public final class SyntheticCredit {

    private SyntheticCredit() {}

    public static PortfolioSchema schema(String portfolio) {
        return new PortfolioSchema(
                portfolio,
                "synthetic test portfolio",
                null,
                new TargetSpec("bad", "1"),
                null,
                List.of(
                        FeatureSpec.numeric("income", 0.0, 1e6, "Income"),
                        FeatureSpec.numeric("utilisation", 0.0, 2.0, "Utilisation"),
                        FeatureSpec.categorical("region", List.of("north", "south"), "Region")));
    }

    /** {@code n} rows with ids {@code prefix + i}, from the given seed. */
    public static List<LabelledRow> rows(String prefix, int n, long seed) {
        Random random = new Random(seed);
        List<LabelledRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double income = 1000 + 9000 * random.nextDouble();
            double utilisation = 1.5 * random.nextDouble();
            boolean north = random.nextBoolean();
            double margin = -1.2 + 2.5 * utilisation - income / 4000 + (north ? 0.6 : -0.2);
            boolean defaulted = random.nextDouble() < 1 / (1 + Math.exp(-margin));
            rows.add(new LabelledRow(
                    prefix + i,
                    null,
                    Map.of("income", income, "utilisation", utilisation, "region", north ? "north" : "south"),
                    defaulted));
        }
        return rows;
    }

    /** The same rows, for {@link LabelledDataFixture#insert}. */
    public static List<LabelledDataFixture.Row> fixtureRows(String prefix, int n, long seed) {
        return rows(prefix, n, seed).stream()
                .map(r -> new LabelledDataFixture.Row(r.applicationId(), null, r.features(), r.defaulted()))
                .toList();
    }
}
