package io.creditscoring.training.settings;

import io.creditscoring.training.TrainingProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The effective settings of one run: the configured defaults with the run's overrides applied. Every setting has a
 * flat name (for example {@code xgboost.maxDepth}); {@link #params()} lists them all for tracking.
 */
public record RunSettings(
        long seed,
        TrainingProperties.Split split,
        TrainingProperties.Preprocessing preprocessing,
        TrainingProperties.Evaluation evaluation,
        TrainingProperties.LogisticRegression logisticRegression,
        TrainingProperties.Xgboost xgboost,
        TrainingProperties.NeuralNetwork neuralNetwork) {

    /** The configured defaults with the given overrides; throws {@link InvalidParameterException} naming a bad one. */
    public static RunSettings of(TrainingProperties defaults, Map<String, ?> overrides) {
        Map<String, String> flat = flatten(defaults);
        if (overrides != null) {
            for (var e : overrides.entrySet()) {
                if (!flat.containsKey(e.getKey())) {
                    throw new InvalidParameterException(
                            e.getKey(), "unknown parameter; known ones are " + String.join(", ", flat.keySet()));
                }
                flat.put(e.getKey(), render(e.getValue()));
            }
        }
        return parse(flat);
    }

    /** Every setting by its flat name, as tracked with the run. */
    public Map<String, String> params() {
        return Collections.unmodifiableMap(flatten(this));
    }

    private static Map<String, String> flatten(TrainingProperties p) {
        return flatten(new RunSettings(
                p.seed(),
                p.split(),
                p.preprocessing(),
                p.evaluation(),
                p.logisticRegression(),
                p.xgboost(),
                p.neuralNetwork()));
    }

    private static Map<String, String> flatten(RunSettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(s.seed()));
        m.put("split.validationShare", num(s.split().validationShare()));
        m.put("split.testShare", num(s.split().testShare()));
        m.put("split.outOfTime", Boolean.toString(s.split().outOfTime()));
        m.put("split.outOfTimeMinSpanDays", Integer.toString(s.split().outOfTimeMinSpanDays()));
        m.put("preprocessing.nearConstantShare", num(s.preprocessing().nearConstantShare()));
        m.put(
                "preprocessing.minCategoryRows",
                Integer.toString(s.preprocessing().minCategoryRows()));
        m.put("preprocessing.ivBins", Integer.toString(s.preprocessing().ivBins()));
        m.put(
                "evaluation.threshold",
                s.evaluation().threshold() == null ? "" : num(s.evaluation().threshold()));
        m.put("evaluation.selectionMargin", num(s.evaluation().selectionMargin()));
        m.put("logisticRegression.lambda", num(s.logisticRegression().lambda()));
        m.put("logisticRegression.tolerance", num(s.logisticRegression().tolerance()));
        m.put(
                "logisticRegression.maxIterations",
                Integer.toString(s.logisticRegression().maxIterations()));
        var x = s.xgboost();
        m.put("xgboost.maxRounds", Integer.toString(x.maxRounds()));
        m.put("xgboost.earlyStoppingRounds", Integer.toString(x.earlyStoppingRounds()));
        m.put("xgboost.earlyStoppingMetric", x.earlyStoppingMetric());
        m.put("xgboost.eta", num(x.eta()));
        m.put("xgboost.maxDepth", Integer.toString(x.maxDepth()));
        m.put("xgboost.minChildWeight", num(x.minChildWeight()));
        m.put("xgboost.subsample", num(x.subsample()));
        m.put("xgboost.colsampleBytree", num(x.colsampleBytree()));
        m.put("xgboost.lambda", num(x.lambda()));
        m.put("xgboost.threads", Integer.toString(x.threads()));
        m.put("xgboost.monotoneConstraints", Boolean.toString(x.monotoneConstraints()));
        var n = s.neuralNetwork();
        m.put(
                "neuralNetwork.hiddenLayers",
                String.join(",", n.hiddenLayers().stream().map(String::valueOf).toList()));
        m.put("neuralNetwork.activation", n.activation());
        m.put("neuralNetwork.learningRate", num(n.learningRate()));
        m.put("neuralNetwork.momentum", num(n.momentum()));
        m.put("neuralNetwork.weightDecay", num(n.weightDecay()));
        m.put("neuralNetwork.batchSize", Integer.toString(n.batchSize()));
        m.put("neuralNetwork.maxEpochs", Integer.toString(n.maxEpochs()));
        m.put("neuralNetwork.patience", Integer.toString(n.patience()));
        return m;
    }

    private static RunSettings parse(Map<String, String> m) {
        Reader r = new Reader(m);
        String activation = r.text("neuralNetwork.activation").toLowerCase(Locale.ROOT);
        if (!List.of("relu", "tanh", "sigmoid").contains(activation)) {
            throw new InvalidParameterException(
                    "neuralNetwork.activation", "must be relu, tanh or sigmoid, got '" + activation + "'");
        }
        String stoppingMetric = r.text("xgboost.earlyStoppingMetric").toLowerCase(Locale.ROOT);
        if (!List.of("auc", "logloss").contains(stoppingMetric)) {
            throw new InvalidParameterException(
                    "xgboost.earlyStoppingMetric", "must be auc or logloss, got '" + stoppingMetric + "'");
        }
        double validation = r.dbl("split.validationShare", 0.05, 0.4);
        double test = r.dbl("split.testShare", 0.05, 0.4);
        String threshold = m.get("evaluation.threshold");
        return new RunSettings(
                r.lng("seed"),
                new TrainingProperties.Split(
                        validation,
                        test,
                        r.bool("split.outOfTime"),
                        r.integer("split.outOfTimeMinSpanDays", 1, 100_000)),
                new TrainingProperties.Preprocessing(
                        r.dbl("preprocessing.nearConstantShare", 0.5, 1.0),
                        r.integer("preprocessing.minCategoryRows", 1, 1_000_000),
                        r.integer("preprocessing.ivBins", 2, 100)),
                new TrainingProperties.Evaluation(
                        threshold == null || threshold.isBlank() ? null : r.dbl("evaluation.threshold", 0.0, 1.0),
                        r.dbl("evaluation.selectionMargin", 0.0, 1.0)),
                new TrainingProperties.LogisticRegression(
                        r.dbl("logisticRegression.lambda", 0.0, 1e6),
                        r.dbl("logisticRegression.tolerance", 0.0, 1.0),
                        r.integer("logisticRegression.maxIterations", 1, 100_000)),
                new TrainingProperties.Xgboost(
                        r.integer("xgboost.maxRounds", 1, 100_000),
                        r.integer("xgboost.earlyStoppingRounds", 1, 10_000),
                        stoppingMetric,
                        r.dbl("xgboost.eta", 0.001, 1.0),
                        r.integer("xgboost.maxDepth", 1, 16),
                        r.dbl("xgboost.minChildWeight", 0.0, 1e6),
                        r.dbl("xgboost.subsample", 0.1, 1.0),
                        r.dbl("xgboost.colsampleBytree", 0.1, 1.0),
                        r.dbl("xgboost.lambda", 0.0, 1e6),
                        r.integer("xgboost.threads", 1, 64),
                        r.bool("xgboost.monotoneConstraints")),
                new TrainingProperties.NeuralNetwork(
                        r.intList("neuralNetwork.hiddenLayers", 1, 4096),
                        activation,
                        r.dbl("neuralNetwork.learningRate", 0.00001, 1.0),
                        r.dbl("neuralNetwork.momentum", 0.0, 0.99),
                        r.dbl("neuralNetwork.weightDecay", 0.0, 1.0),
                        r.integer("neuralNetwork.batchSize", 1, 100_000),
                        r.integer("neuralNetwork.maxEpochs", 1, 10_000),
                        r.integer("neuralNetwork.patience", 1, 10_000)));
    }

    private static String render(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value).trim();
    }

    private static String num(double d) {
        return Double.toString(d);
    }

    /** Parses flat values, naming the parameter in every failure. */
    private record Reader(Map<String, String> m) {

        String text(String name) {
            return m.get(name);
        }

        double dbl(String name, double min, double max) {
            double v;
            try {
                v = Double.parseDouble(m.get(name));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(name, "must be a number, got '" + m.get(name) + "'");
            }
            if (!(v >= min && v <= max)) {
                throw new InvalidParameterException(name, "must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        }

        int integer(String name, int min, int max) {
            int v;
            try {
                v = Integer.parseInt(stripZeroFraction(m.get(name)));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(name, "must be a whole number, got '" + m.get(name) + "'");
            }
            if (v < min || v > max) {
                throw new InvalidParameterException(name, "must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        }

        long lng(String name) {
            try {
                return Long.parseLong(stripZeroFraction(m.get(name)));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(name, "must be a whole number, got '" + m.get(name) + "'");
            }
        }

        boolean bool(String name) {
            String v = m.get(name).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new InvalidParameterException(name, "must be true or false, got '" + m.get(name) + "'");
            }
            return Boolean.parseBoolean(v);
        }

        List<Integer> intList(String name, int min, int max) {
            List<Integer> out = new ArrayList<>();
            for (String part : m.get(name).replace("[", "").replace("]", "").split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int v;
                try {
                    v = Integer.parseInt(stripZeroFraction(part.trim()));
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException(
                            name, "must be a list of layer sizes such as 32,16, got '" + m.get(name) + "'");
                }
                if (v < min || v > max) {
                    throw new InvalidParameterException(
                            name, "layer sizes must be between " + min + " and " + max + ", got " + v);
                }
                out.add(v);
            }
            if (out.isEmpty()) {
                throw new InvalidParameterException(name, "needs at least one hidden layer");
            }
            return out;
        }

        private static String stripZeroFraction(String s) {
            return s != null && s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
    }
}
