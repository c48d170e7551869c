package io.creditscoring.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns an XGBoost {@code binary:logistic} gbtree saved as JSON into model-pipeline's {@code TreeEnsembleModel}
 * JSON, by the rules of training-service's {@code XgboostJsonModelReader} (which targets Java 25): the ensemble
 * starts from the logit of {@code base_score} ({@code "[5.5E-1]"} or {@code "5.5E-1"}); a node with
 * {@code left_children == -1} is a leaf worth {@code split_conditions} (not {@code base_weights}: on a tree that
 * could not split, that is the weight before the learning rate); an internal node sends
 * {@code x[split_indices] < split_conditions} left and a missing value left when {@code default_left}; thresholds
 * and leaves are the float32 values XGBoost holds; {@code sum_hessian} is the cover. Anything else (dart, categorical
 * splits, several outputs) is refused rather than misread.
 */
public final class XgboostJsonTrees {

    private XgboostJsonTrees() {}

    /** The model node ({@code kind: treeEnsemble}) and its tree count. */
    public record Result(ObjectNode model, int trees) {}

    public static Result read(byte[] json, int columns) {
        JsonNode root;
        try {
            root = PipelineJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable XGBoost JSON model", e);
        }
        JsonNode learner = require(root, "learner");
        JsonNode params = require(learner, "learner_model_param");
        String objective = learner.path("objective").path("name").asText("");
        if (!objective.isEmpty() && !objective.equals("binary:logistic")) {
            throw new IllegalArgumentException("only binary:logistic models are supported, got " + objective);
        }
        if (!params.path("num_target").asText("1").equals("1")
                || !(params.path("num_class").asText("0").equals("0")
                        || params.path("num_class").asText("0").equals("1"))) {
            throw new IllegalArgumentException("only single-output models are supported");
        }
        JsonNode booster = require(learner, "gradient_booster");
        if (!booster.path("name").asText("gbtree").equals("gbtree")) {
            throw new IllegalArgumentException("only gbtree boosters are supported, got " + booster.path("name"));
        }
        double baseScore = baseScore(require(params, "base_score").asText());
        ObjectNode model = PipelineJson.MAPPER.createObjectNode();
        model.put("kind", "treeEnsemble");
        ArrayNode trees = model.putArray("trees");
        JsonNode stored = require(require(booster, "model"), "trees");
        for (JsonNode tree : stored) {
            trees.add(tree(tree, columns));
        }
        model.put("baseMargin", Math.log(baseScore / (1 - baseScore)));
        return new Result(model, stored.size());
    }

    static double baseScore(String text) {
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

    private static ObjectNode tree(JsonNode t, int columns) {
        JsonNode left = require(t, "left_children");
        JsonNode right = require(t, "right_children");
        JsonNode split = require(t, "split_indices");
        JsonNode conditions = require(t, "split_conditions");
        JsonNode weights = require(t, "base_weights");
        JsonNode hessian = require(t, "sum_hessian");
        JsonNode defaultLeft = require(t, "default_left");
        JsonNode splitType = t.path("split_type");
        int n = left.size();
        if (right.size() != n || split.size() != n || conditions.size() != n || weights.size() != n) {
            throw new IllegalArgumentException("tree " + t.path("id").asInt() + " has arrays of different lengths");
        }
        ObjectNode out = PipelineJson.MAPPER.createObjectNode();
        ArrayNode l = out.putArray("left");
        ArrayNode r = out.putArray("right");
        ArrayNode feature = out.putArray("featureIndex");
        ArrayNode threshold = out.putArray("threshold");
        ArrayNode defaults = out.putArray("defaultLeft");
        ArrayNode leaf = out.putArray("leafValue");
        ArrayNode cover = out.putArray("cover");
        for (int i = 0; i < n; i++) {
            cover.add(number(hessian.get(i)));
            if (left.get(i).asInt() == -1) {
                l.add(-1);
                r.add(-1);
                feature.add(-1);
                threshold.add(0.0);
                defaults.add(false);
                leaf.add((double) (float) number(conditions.get(i)));
                continue;
            }
            if (splitType.isArray() && splitType.size() > i && splitType.get(i).asInt() != 0) {
                throw new IllegalArgumentException("categorical splits are not supported (tree "
                        + t.path("id").asInt() + ", node " + i + ")");
            }
            int column = split.get(i).asInt();
            if (column < 0 || column >= columns) {
                throw new IllegalArgumentException("tree " + t.path("id").asInt() + " splits on column " + column
                        + " but the model vector has " + columns + " columns");
            }
            l.add(left.get(i).asInt());
            r.add(right.get(i).asInt());
            feature.add(column);
            threshold.add((double) (float) number(conditions.get(i)));
            JsonNode d = defaultLeft.get(i);
            defaults.add(d.isBoolean() ? d.asBoolean() : d.asInt() != 0);
            leaf.add(0.0);
        }
        return out;
    }

    private static double number(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("XGBoost JSON model has no '" + field + "'");
        }
        return v;
    }
}
