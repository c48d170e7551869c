package io.creditscoring.training.preprocess;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.dataset.LabelledRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the preprocessing on the training split only. Every fitted step is plain numbers (medians, means, standard
 * deviations, category lists), so that it can be written into an ONNX graph.
 *
 * <p>Feature selection drops a feature whose most frequent value (missing counts as a value) covers at least
 * {@code nearConstantShare} of the training rows: constant and near-constant columns carry no signal and make
 * scaling unstable. A category seen in fewer than {@code minCategoryRows} training rows gets no column and takes
 * the unknown-category path (all zeros), like a category never seen.
 */
public final class PreprocessingFitter {

    private PreprocessingFitter() {}

    public static FittedPreprocessing fit(
            PortfolioSchema schema, List<LabelledRow> train, TrainingProperties.Preprocessing settings) {
        List<InputTransform> scaled = new ArrayList<>();
        List<InputTransform> trees = new ArrayList<>();
        List<DroppedFeature> dropped = new ArrayList<>();
        List<String> excluded = schema.features().stream()
                .filter(f -> !f.feedsModel())
                .map(FeatureSpec::name)
                .toList();
        for (FeatureSpec f : schema.modelInputs()) {
            if (f.isNumeric()) {
                fitNumeric(f, train, settings, scaled, trees, dropped);
            } else {
                fitCategorical(f, train, settings, scaled, trees, dropped);
            }
        }
        if (scaled.isEmpty()) {
            throw new IllegalArgumentException("portfolio '" + schema.portfolio()
                    + "': feature selection left no model input (dropped: " + dropped + ")");
        }
        return new FittedPreprocessing(new Preprocessing(scaled), new Preprocessing(trees), dropped, excluded);
    }

    private static void fitNumeric(
            FeatureSpec f,
            List<LabelledRow> train,
            TrainingProperties.Preprocessing settings,
            List<InputTransform> scaled,
            List<InputTransform> trees,
            List<DroppedFeature> dropped) {
        int n = train.size();
        double[] present = new double[n];
        int count = 0;
        Map<Double, Integer> frequency = new HashMap<>();
        for (LabelledRow row : train) {
            double v = RawValues.number(row.features().get(f.name()));
            frequency.merge(Double.isNaN(v) ? Double.NaN : v, 1, Integer::sum);
            if (!Double.isNaN(v)) {
                present[count++] = v;
            }
        }
        int missing = n - count;
        double modeShare = frequency.values().stream().mapToInt(i -> i).max().orElse(n) / (double) n;
        if (count == 0) {
            dropped.add(new DroppedFeature(f.name(), "always missing in the training split"));
            return;
        }
        if (modeShare >= settings.nearConstantShare()) {
            dropped.add(new DroppedFeature(
                    f.name(),
                    String.format("near-constant: one value covers %.2f%% of training rows", 100 * modeShare)));
            return;
        }
        double[] values = Arrays.copyOf(present, count);
        Arrays.sort(values);
        double median = count % 2 == 1 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2;
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        sum += missing * median;
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        squares += missing * (median - mean) * (median - mean);
        double std = Math.sqrt(squares / n);
        if (!(std > 0)) {
            dropped.add(new DroppedFeature(f.name(), "constant in the training split"));
            return;
        }
        scaled.add(new NumericInput(f.name(), median, mean, std, missing > 0));
        trees.add(NumericInput.raw(f.name()));
    }

    private static void fitCategorical(
            FeatureSpec f,
            List<LabelledRow> train,
            TrainingProperties.Preprocessing settings,
            List<InputTransform> scaled,
            List<InputTransform> trees,
            List<DroppedFeature> dropped) {
        int n = train.size();
        Map<String, Integer> frequency = new HashMap<>();
        int missing = 0;
        for (LabelledRow row : train) {
            String c = RawValues.label(row.features().get(f.name()));
            if (c == null) {
                missing++;
            } else {
                frequency.merge(c, 1, Integer::sum);
            }
        }
        int mode = Math.max(
                missing, frequency.values().stream().mapToInt(i -> i).max().orElse(0));
        double modeShare = mode / (double) n;
        List<String> categories = f.categories().stream()
                .filter(c -> frequency.getOrDefault(c, 0) >= settings.minCategoryRows())
                .toList();
        if (categories.isEmpty()) {
            dropped.add(new DroppedFeature(
                    f.name(), "no category seen in at least " + settings.minCategoryRows() + " training rows"));
            return;
        }
        if (modeShare >= settings.nearConstantShare()) {
            dropped.add(new DroppedFeature(
                    f.name(),
                    String.format("near-constant: one value covers %.2f%% of training rows", 100 * modeShare)));
            return;
        }
        CategoricalInput input = new CategoricalInput(f.name(), categories);
        scaled.add(input);
        trees.add(input);
    }
}
