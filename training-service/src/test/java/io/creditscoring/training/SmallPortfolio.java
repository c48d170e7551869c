package io.creditscoring.training;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A two-feature portfolio (income, region) and labelled rows for it: small runs that train in moments. */
public final class SmallPortfolio {

    private SmallPortfolio() {}

    public static PortfolioSchema schema(String portfolio) {
        return new PortfolioSchema(
                portfolio,
                "test portfolio",
                null,
                new TargetSpec("bad", "1"),
                null,
                List.of(
                        FeatureSpec.numeric("income", 0.0, 1e6, "Income"),
                        FeatureSpec.categorical("region", List.of("north", "south"), "Region")));
    }

    /** {@code rows} applications with ids {@code prefix + i}, the first {@code defaults} of them defaulted. */
    public static List<LabelledDataFixture.Row> rows(String prefix, int rows, int defaults) {
        List<LabelledDataFixture.Row> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(new LabelledDataFixture.Row(
                    prefix + i,
                    null,
                    Map.of("income", 1000.0 + (i * 37) % 900, "region", i % 2 == 0 ? "north" : "south"),
                    i < defaults));
        }
        return out;
    }
}
