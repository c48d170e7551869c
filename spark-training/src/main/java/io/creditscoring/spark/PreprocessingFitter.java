package io.creditscoring.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Fits the local engine's preprocessing (training-service's {@code PreprocessingFitter}) on the training split,
 * with distributed aggregations: the same feature selection rules in the same order, the exact median (Spark's
 * exact {@code percentile}, the mean of the two middle values for an even count), the mean and population
 * standard deviation of the imputed values, and the categories seen in at least {@code minCategoryRows} rows.
 * Sums are added up in another order than the local engine's, so the numbers may differ in their last bits.
 */
public final class PreprocessingFitter {

    private PreprocessingFitter() {}

    /**
     * The fitted preprocessing for scaled models (LR, NN) and for trees, and the dropped features.
     *
     * @param scaled median imputation, missing indicators, standard scaling, one-hot
     * @param trees numbers as they are, the same one-hot
     * @param dropped what feature selection removed
     */
    public record Fitted(List<FittedInput> scaled, List<FittedInput> trees, List<FittedInput.Dropped> dropped) {}

    public static Fitted fit(TrainingSchema schema, Dataset<Row> train, long n, TrainingSettings settings) {
        List<TrainingSchema.Feature> inputs = schema.modelInputs();
        Map<String, Long> modeCounts = new HashMap<>();
        Map<String, Map<String, Long>> categoryCounts = new HashMap<>();
        valueCounts(inputs, train, modeCounts, categoryCounts);

        List<Column> firstPass = new ArrayList<>();
        for (TrainingSchema.Feature f : inputs) {
            if (f.numeric()) {
                Column v = col(quoted(f.name()));
                firstPass.add(count(v).as("n_" + f.name()));
                firstPass.add(sum(v).as("s_" + f.name()));
                firstPass.add(expr("percentile(" + quoted(f.name()) + ", 0.5)").as("m_" + f.name()));
            }
        }
        Row stats = firstPass.isEmpty() ? null : aggregate(train, firstPass);

        List<FittedInput> scaled = new ArrayList<>();
        List<FittedInput> trees = new ArrayList<>();
        List<FittedInput.Dropped> dropped = new ArrayList<>();
        Map<String, double[]> moments = new HashMap<>();
        List<Column> secondPass = new ArrayList<>();
        for (TrainingSchema.Feature f : inputs) {
            double modeShare = modeCounts.getOrDefault(f.name(), n) / (double) n;
            if (f.numeric()) {
                long present = stats.getLong(stats.fieldIndex("n_" + f.name()));
                if (present == 0) {
                    dropped.add(new FittedInput.Dropped(f.name(), "always missing in the training split"));
                    continue;
                }
                if (modeShare >= settings.nearConstantShare()) {
                    dropped.add(nearConstant(f, modeShare));
                    continue;
                }
                double median = stats.getDouble(stats.fieldIndex("m_" + f.name()));
                double sum = stats.getDouble(stats.fieldIndex("s_" + f.name()));
                long missing = n - present;
                double mean = (sum + missing * median) / n;
                moments.put(f.name(), new double[] {median, mean});
                secondPass.add(sum(pow(
                                coalesce(col(quoted(f.name())), lit(median)).minus(lit(mean)), 2))
                        .as("q_" + f.name()));
            }
        }
        Row squares = secondPass.isEmpty() ? null : aggregate(train, secondPass);

        for (TrainingSchema.Feature f : inputs) {
            if (f.numeric()) {
                double[] m = moments.get(f.name());
                if (m == null) {
                    continue;
                }
                double std = Math.sqrt(squares.getDouble(squares.fieldIndex("q_" + f.name())) / n);
                if (!(std > 0)) {
                    dropped.add(new FittedInput.Dropped(f.name(), "constant in the training split"));
                    continue;
                }
                long present = stats.getLong(stats.fieldIndex("n_" + f.name()));
                scaled.add(new FittedInput.Numeric(f.name(), m[0], m[1], std, present < n));
                trees.add(FittedInput.Numeric.raw(f.name()));
            } else {
                Map<String, Long> counts = categoryCounts.getOrDefault(f.name(), Map.of());
                List<String> kept = f.categories().stream()
                        .filter(c -> counts.getOrDefault(c, 0L) >= settings.minCategoryRows())
                        .toList();
                if (kept.isEmpty()) {
                    dropped.add(new FittedInput.Dropped(
                            f.name(), "no category seen in at least " + settings.minCategoryRows() + " training rows"));
                    continue;
                }
                double modeShare = modeCounts.getOrDefault(f.name(), n) / (double) n;
                if (modeShare >= settings.nearConstantShare()) {
                    dropped.add(nearConstant(f, modeShare));
                    continue;
                }
                FittedInput.Categorical input = new FittedInput.Categorical(f.name(), kept);
                scaled.add(input);
                trees.add(input);
            }
        }
        if (scaled.isEmpty()) {
            throw new IllegalArgumentException("portfolio '" + schema.portfolio()
                    + "': feature selection left no model input (dropped: " + dropped + ")");
        }
        return new Fitted(scaled, trees, dropped);
    }

    /**
     * Counts every (feature, value) pair of the training split in one distributed pass, missing counting as a
     * value: per feature the count of its most frequent value, and per categorical feature the count of each label.
     */
    private static void valueCounts(
            List<TrainingSchema.Feature> inputs,
            Dataset<Row> train,
            Map<String, Long> modeCounts,
            Map<String, Map<String, Long>> categoryCounts) {
        List<Column> pairs = new ArrayList<>();
        for (TrainingSchema.Feature f : inputs) {
            pairs.add(struct(
                    lit(f.name()).as("feature"),
                    col(quoted(f.name())).cast(DataTypes.StringType).as("value")));
        }
        Dataset<Row> counted = train.select(
                        explode(array(pairs.toArray(Column[]::new))).as("pair"))
                .groupBy(col("pair.feature").as("feature"), col("pair.value").as("value"))
                .count()
                .cache();
        for (Row r : counted.groupBy("feature").agg(max("count")).collectAsList()) {
            modeCounts.put(r.getString(0), r.getLong(1));
        }
        List<String> categorical = inputs.stream()
                .filter(f -> !f.numeric())
                .map(TrainingSchema.Feature::name)
                .toList();
        if (!categorical.isEmpty()) {
            for (Row r : counted.where(col("feature")
                            .isin(categorical.toArray())
                            .and(col("value").isNotNull()))
                    .collectAsList()) {
                categoryCounts
                        .computeIfAbsent(r.getString(0), k -> new HashMap<>())
                        .put(r.getString(1), r.getLong(2));
            }
        }
        counted.unpersist();
    }

    private static Row aggregate(Dataset<Row> train, List<Column> aggregates) {
        Column first = aggregates.get(0);
        Column[] rest = aggregates.subList(1, aggregates.size()).toArray(Column[]::new);
        return train.agg(first, rest).first();
    }

    private static FittedInput.Dropped nearConstant(TrainingSchema.Feature f, double modeShare) {
        return new FittedInput.Dropped(
                f.name(),
                String.format(Locale.ROOT, "near-constant: one value covers %.2f%% of training rows", 100 * modeShare));
    }

    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
