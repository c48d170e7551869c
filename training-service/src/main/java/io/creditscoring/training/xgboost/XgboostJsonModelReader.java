package io.creditscoring.training.xgboost;

import io.creditscoring.model.CreditJson;
import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads an XGBoost model saved as JSON ({@code Booster.toByteArray("json")}) of a {@code binary:logistic} gbtree
 * into a {@link TreeEnsembleModel}.
 *
 * <ul>
 *   <li>{@code learner_model_param.base_score} is a probability, written {@code "[5.5E-1]"} by xgboost 3.x and
 *       {@code "5.5E-1"} by older versions; the ensemble starts from its logit.
 *   <li>A node is a leaf when {@code left_children[n] == -1}; its value is {@code split_conditions[n]}, the value
 *       XGBoost's own predictor adds (a leaf keeps its value where an internal node keeps its threshold), learning
 *       rate applied. Not {@code base_weights[n]}: it equals the leaf value on leaves of a tree that split, but a tree
 *       that could not split at all (column sampling left it no usable column) keeps there its weight before the
 *       learning rate, 1/eta times the value the predictor adds (xgboost 1.7 and xgboost4j 3.4 alike).
 *   <li>An internal node sends {@code x[split_indices[n]] < split_conditions[n]} left, and a missing value left
 *       when {@code default_left[n]} is set (0/1 or a boolean, by version).
 *   <li>Thresholds and leaf values are float32 in XGBoost; they are read back to exactly those float values.
 *   <li>{@code sum_hessian} becomes the cover; {@code loss_changes} is summed per column as total gain.
 * </ul>
 *
 * Anything else (dart boosters, categorical splits, multi-output models) is rejected rather than misread.
 */
public final class XgboostJsonModelReader {

    private XgboostJsonModelReader() {}

    /** The ensemble and the total gain of every model-vector column (0 for columns never split on). */
    public record Result(TreeEnsembleModel model, double[] totalGain) {}

    public static Result read(byte[] json, int columns) {
        JsonNode root = CreditJson.json().readTree(json);
        JsonNode learner = require(root, "learner");
        JsonNode params = require(learner, "learner_model_param");
        String objective = learner.path("objective").path("name").asString("");
        if (!objective.isEmpty() && !objective.equals("binary:logistic")) {
            throw new IllegalArgumentException("only binary:logistic models are supported, got " + objective);
        }
        String numTarget = params.path("num_target").asString("1");
        String numClass = params.path("num_class").asString("0");
        if (!numTarget.equals("1") || !(numClass.equals("0") || numClass.equals("1"))) {
            throw new IllegalArgumentException("only single-output models are supported (num_target " + numTarget
                    + ", num_class " + numClass + ")");
        }
        JsonNode booster = require(learner, "gradient_booster");
        String name = booster.path("name").asString("gbtree");
        if (!name.equals("gbtree")) {
            throw new IllegalArgumentException("only gbtree boosters are supported, got " + name);
        }
        double baseScore = parseBaseScore(require(params, "base_score").asString());
        JsonNode trees = require(require(booster, "model"), "trees");
        List<Tree> out = new ArrayList<>(trees.size());
        double[] gain = new double[columns];
        for (JsonNode tree : trees) {
            out.add(tree(tree, columns, gain));
        }
        return new Result(new TreeEnsembleModel(out, Math.log(baseScore / (1 - baseScore))), gain);
    }

    /** Parses base_score as written by any xgboost version: {@code "[5.5E-1]"}, {@code "5.5E-1"} or a number. */
    public static double parseBaseScore(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        if (s.contains(",")) {
            throw new IllegalArgumentException("base_score with several values is not supported: " + text);
        }
        double p = Double.parseDouble(s);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("base_score of a binary:logistic model must be in (0, 1), got " + text);
        }
        return p;
    }

    private static Tree tree(JsonNode t, int columns, double[] gain) {
        int[] left = ints(require(t, "left_children"));
        int[] right = ints(require(t, "right_children"));
        int[] split = ints(require(t, "split_indices"));
        double[] conditions = floats(require(t, "split_conditions"));
        double[] weights = floats(require(t, "base_weights"));
        double[] hessian = doubles(require(t, "sum_hessian"));
        double[] loss = doubles(t.path("loss_changes"));
        JsonNode defaultLeftNode = require(t, "default_left");
        JsonNode splitType = t.path("split_type");
        int n = left.length;
        if (right.length != n || split.length != n || conditions.length != n || weights.length != n) {
            throw new IllegalArgumentException("tree " + t.path("id").asInt() + " has arrays of different lengths");
        }
        int[] feature = new int[n];
        double[] threshold = new double[n];
        boolean[] defaultLeft = new boolean[n];
        double[] leaf = new double[n];
        for (int i = 0; i < n; i++) {
            if (left[i] == -1) {
                feature[i] = -1;
                right[i] = -1;
                leaf[i] = conditions[i];
                continue;
            }
            if (splitType.isArray() && splitType.size() > i && splitType.get(i).asInt() != 0) {
                throw new IllegalArgumentException("categorical splits are not supported (tree "
                        + t.path("id").asInt() + ", node " + i + ")");
            }
            if (split[i] < 0 || split[i] >= columns) {
                throw new IllegalArgumentException("tree " + t.path("id").asInt() + " splits on column " + split[i]
                        + " but the model vector has " + columns + " columns");
            }
            feature[i] = split[i];
            threshold[i] = conditions[i];
            JsonNode d = defaultLeftNode.get(i);
            defaultLeft[i] = d.isBoolean() ? d.asBoolean() : d.asInt() != 0;
            if (loss.length == n) {
                gain[split[i]] += loss[i];
            }
        }
        return new Tree(left, right, feature, threshold, defaultLeft, leaf, hessian);
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("XGBoost JSON model has no '" + field + "'");
        }
        return v;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** XGBoost keeps thresholds and leaf values as float32: read them back to exactly those values. */
    private static double[] floats(JsonNode array) {
        double[] out = doubles(array);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) out[i];
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        if (array == null || !array.isArray()) {
            return new double[0];
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asString());
        }
        return out;
    }
}
