package io.creditscoring.export.onnx;

import static io.creditscoring.export.onnx.OnnxGraphBuilder.attr;
import static io.creditscoring.export.onnx.OnnxGraphBuilder.floatsAttr;
import static io.creditscoring.export.onnx.OnnxGraphBuilder.intsAttr;
import static io.creditscoring.export.onnx.OnnxGraphBuilder.stringsAttr;
import static io.creditscoring.export.onnx.PreprocessingOnnxWriter.finiteFloat;

import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A boosted tree ensemble as one {@code ai.onnx.ml.TreeEnsembleRegressor} (one target, {@code SUM} aggregation,
 * no post transform) that yields the margin; the pipeline adds the {@code Sigmoid}. The regressor is used rather
 * than the classifier's {@code LOGISTIC} post transform, which was seen to misbehave in ONNX Runtime 1.22.
 *
 * <p>Node mapping, for every node of every tree (tree id = position in boosting order, node id = array index):
 *
 * <ul>
 *   <li>internal node: mode {@code BRANCH_LT}, so {@code x < threshold} takes the true branch = {@code left[n]},
 *       otherwise {@code right[n]}; {@code nodes_missing_value_tracks_true = defaultLeft[n]}, so a NaN value goes
 *       to the left child exactly when XGBoost's default direction is left;
 *   <li>leaf: mode {@code LEAF}, one target entry with weight {@code leafValue[n]};
 *   <li>{@code base_values = [baseMargin]}: the logit of XGBoost's {@code base_score}, added once per row.
 * </ul>
 *
 * Thresholds, leaf values and the base margin are stored as float32 ({@code nodes_values}), and the comparison
 * is made between float32 values, as XGBoost itself does.
 */
final class XgboostOnnxExporter implements ModelStageWriter {

    private final TreeEnsembleModel model;

    XgboostOnnxExporter(TreeEnsembleModel model) {
        this.model = model;
    }

    @Override
    public String writeMargin(OnnxGraphBuilder graph, String vector, int width) {
        if (model.trees().isEmpty()) {
            throw new IllegalArgumentException("the tree ensemble has no trees");
        }
        List<Long> treeIds = new ArrayList<>();
        List<Long> nodeIds = new ArrayList<>();
        List<Long> featureIds = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<Long> trueIds = new ArrayList<>();
        List<Long> falseIds = new ArrayList<>();
        List<Long> missingTracksTrue = new ArrayList<>();
        List<Long> targetTreeIds = new ArrayList<>();
        List<Long> targetNodeIds = new ArrayList<>();
        List<Float> targetWeights = new ArrayList<>();

        for (int t = 0; t < model.trees().size(); t++) {
            Tree tree = model.trees().get(t);
            validate(tree, t, width);
            for (int n = 0; n < tree.nodeCount(); n++) {
                treeIds.add((long) t);
                nodeIds.add((long) n);
                if (tree.isLeaf(n)) {
                    featureIds.add(0L);
                    values.add(0f);
                    modes.add("LEAF");
                    trueIds.add(0L);
                    falseIds.add(0L);
                    missingTracksTrue.add(0L);
                    targetTreeIds.add((long) t);
                    targetNodeIds.add((long) n);
                    targetWeights.add(finiteFloat(tree.leafValue()[n], "leaf value of tree " + t + " node " + n));
                } else {
                    featureIds.add((long) tree.featureIndex()[n]);
                    values.add(finiteFloat(tree.threshold()[n], "threshold of tree " + t + " node " + n));
                    modes.add("BRANCH_LT");
                    trueIds.add((long) tree.left()[n]);
                    falseIds.add((long) tree.right()[n]);
                    missingTracksTrue.add(tree.defaultLeft()[n] ? 1L : 0L);
                }
            }
        }
        return graph.mlNode(
                "TreeEnsembleRegressor",
                List.of(vector),
                List.of(OnnxGraphBuilder.BATCH_DIM, "1"),
                attr("n_targets", 1L),
                attr("aggregate_function", "SUM"),
                attr("post_transform", "NONE"),
                floatsAttr("base_values", new float[] {finiteFloat(model.baseMargin(), "base margin")}),
                intsAttr("nodes_treeids", longs(treeIds)),
                intsAttr("nodes_nodeids", longs(nodeIds)),
                intsAttr("nodes_featureids", longs(featureIds)),
                floatsAttr("nodes_values", floats(values)),
                stringsAttr("nodes_modes", modes),
                intsAttr("nodes_truenodeids", longs(trueIds)),
                intsAttr("nodes_falsenodeids", longs(falseIds)),
                intsAttr("nodes_missing_value_tracks_true", longs(missingTracksTrue)),
                intsAttr("target_treeids", longs(targetTreeIds)),
                intsAttr("target_nodeids", longs(targetNodeIds)),
                intsAttr("target_ids", new long[targetTreeIds.size()]),
                floatsAttr("target_weights", floats(targetWeights)));
    }

    private static void validate(Tree tree, int t, int width) {
        int count = tree.nodeCount();
        if (count == 0) {
            throw new IllegalArgumentException("tree " + t + " has no nodes");
        }
        for (int n = 0; n < count; n++) {
            if (tree.isLeaf(n)) {
                continue;
            }
            int left = tree.left()[n];
            int right = tree.right()[n];
            if (left <= n || left >= count || right <= n || right >= count) {
                throw new IllegalArgumentException(
                        "tree " + t + " node " + n + " has children " + left + " and " + right + " out of order");
            }
            int feature = tree.featureIndex()[n];
            if (feature < 0 || feature >= width) {
                throw new IllegalArgumentException("tree " + t + " node " + n + " splits on column " + feature
                        + " but the model vector has " + width + " columns");
            }
        }
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
