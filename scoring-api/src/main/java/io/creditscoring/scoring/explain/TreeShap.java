package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.List;
import java.util.Map;

/**
 * Exact TreeSHAP (Lundberg, Erion and Lee, "Consistent Individualized Feature Attribution for Tree Ensembles",
 * 2018, algorithm 2) over a boosted ensemble: the Shapley values of the margin, with each node's cover (the
 * training hessian sum) as the weight of the rows that reach it. XGBoost's {@code predictContrib} computes the
 * same quantity, so the per-column values match it; a feature's contribution is the sum over its columns.
 *
 * <p>The algorithm walks each tree once, carrying the "unique path" of features split on from the root: for
 * each element the fraction of zero-paths (rows that do not know the feature, routed by cover) and one-paths
 * (rows that follow this row's value) flowing through, and the permutation weights of the subsets. At a leaf,
 * each feature on the path receives the leaf value times the unwound weight sum times (one - zero).
 */
final class TreeShap implements ReasonExplainer {

    private final PipelineEvaluator evaluator;
    private final List<Tree> trees;
    private final int width;
    private final int[] owners;
    private final List<String> features;
    private final int maxDepth;
    private final double expectedMargin;

    TreeShap(Preprocessing preprocessing, PipelineEvaluator evaluator, TreeEnsembleModel model) {
        this.evaluator = evaluator;
        this.trees = model.trees();
        this.width = preprocessing.width();
        this.owners = ReasonExplainer.columnOwners(preprocessing.inputs(), width);
        this.features =
                preprocessing.inputs().stream().map(InputTransform::feature).toList();
        this.maxDepth = trees.stream().mapToInt(TreeShap::depth).max().orElse(0);
        this.expectedMargin =
                trees.stream().mapToDouble(t -> expectedValue(t, 0)).sum();
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public double[] contributions(Map<String, Object> row) {
        double[] phi = columnContributions(evaluator.vector(row));
        double[] out = new double[features.size()];
        for (int j = 0; j < width; j++) {
            out[owners[j]] += phi[j];
        }
        return out;
    }

    /** Shapley values per model-vector column; the last element is the bias (expected margin less the base). */
    double[] columnContributions(double[] x) {
        double[] phi = new double[width + 1];
        int capacity = (maxDepth + 2) * (maxDepth + 3) / 2;
        Path path = new Path(capacity);
        for (Tree tree : trees) {
            recurse(tree, x, phi, path, 0, 0, 0, 1.0, 1.0, -1);
        }
        phi[width] = expectedMargin;
        return phi;
    }

    /**
     * @param start where this call's copy of the unique path begins in the shared arrays
     * @param depth the unique depth: number of elements already on the parent's path
     */
    private void recurse(
            Tree tree,
            double[] x,
            double[] phi,
            Path path,
            int node,
            int start,
            int depth,
            double parentZero,
            double parentOne,
            int parentFeature) {
        int at = start + depth + 1; // this call's copy sits after the parent's
        if (depth > 0) {
            path.copy(start, at, depth);
        } else {
            at = start;
        }
        path.extend(at, depth, parentZero, parentOne, parentFeature);
        if (tree.isLeaf(node)) {
            double leaf = tree.leafValue()[node];
            for (int i = 1; i <= depth; i++) {
                double w = path.unwoundSum(at, depth, i);
                phi[path.feature[at + i]] += w * (path.one[at + i] - path.zero[at + i]) * leaf;
            }
            return;
        }
        int feature = tree.featureIndex()[node];
        double value = x[feature];
        boolean goesLeft =
                Double.isNaN(value) ? tree.defaultLeft()[node] : (float) value < (float) tree.threshold()[node];
        int hot = goesLeft ? tree.left()[node] : tree.right()[node];
        int cold = goesLeft ? tree.right()[node] : tree.left()[node];
        double cover = tree.cover()[node];
        double hotZero = tree.cover()[hot] / cover;
        double coldZero = tree.cover()[cold] / cover;
        double incomingZero = 1.0;
        double incomingOne = 1.0;
        int found = -1;
        for (int i = 0; i <= depth; i++) {
            if (path.feature[at + i] == feature) {
                found = i;
                break;
            }
        }
        int nextDepth = depth;
        if (found >= 0) {
            incomingZero = path.zero[at + found];
            incomingOne = path.one[at + found];
            path.unwind(at, depth, found);
            nextDepth = depth - 1;
        }
        recurse(tree, x, phi, path, hot, at, nextDepth + 1, hotZero * incomingZero, incomingOne, feature);
        recurse(tree, x, phi, path, cold, at, nextDepth + 1, coldZero * incomingZero, 0.0, feature);
    }

    /** The cover-weighted mean leaf value under a node, weighted as XGBoost does (by the node's own cover). */
    private static double expectedValue(Tree tree, int node) {
        if (tree.isLeaf(node)) {
            return tree.leafValue()[node];
        }
        int l = tree.left()[node];
        int r = tree.right()[node];
        double cover = tree.cover()[node];
        if (!(cover > 0)) {
            return 0.5 * (expectedValue(tree, l) + expectedValue(tree, r));
        }
        return (tree.cover()[l] * expectedValue(tree, l) + tree.cover()[r] * expectedValue(tree, r)) / cover;
    }

    private static int depth(Tree tree) {
        return depth(tree, 0);
    }

    private static int depth(Tree tree, int node) {
        return tree.isLeaf(node) ? 0 : 1 + Math.max(depth(tree, tree.left()[node]), depth(tree, tree.right()[node]));
    }

    /** The unique paths of every recursion level, stored back to back in parallel arrays. */
    private static final class Path {
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;

        Path(int capacity) {
            feature = new int[capacity];
            zero = new double[capacity];
            one = new double[capacity];
            weight = new double[capacity];
        }

        void copy(int from, int to, int length) {
            System.arraycopy(feature, from, feature, to, length);
            System.arraycopy(zero, from, zero, to, length);
            System.arraycopy(one, from, one, to, length);
            System.arraycopy(weight, from, weight, to, length);
        }

        void extend(int at, int depth, double zeroFraction, double oneFraction, int featureIndex) {
            feature[at + depth] = featureIndex;
            zero[at + depth] = zeroFraction;
            one[at + depth] = oneFraction;
            weight[at + depth] = depth == 0 ? 1.0 : 0.0;
            for (int i = depth - 1; i >= 0; i--) {
                weight[at + i + 1] += oneFraction * weight[at + i] * (i + 1) / (double) (depth + 1);
                weight[at + i] = zeroFraction * weight[at + i] * (depth - i) / (double) (depth + 1);
            }
        }

        void unwind(int at, int depth, int index) {
            double oneFraction = one[at + index];
            double zeroFraction = zero[at + index];
            double next = weight[at + depth];
            for (int i = depth - 1; i >= 0; i--) {
                if (oneFraction != 0) {
                    double tmp = weight[at + i];
                    weight[at + i] = next * (depth + 1) / ((i + 1) * oneFraction);
                    next = tmp - weight[at + i] * zeroFraction * (depth - i) / (double) (depth + 1);
                } else {
                    weight[at + i] = weight[at + i] * (depth + 1) / (zeroFraction * (depth - i));
                }
            }
            for (int i = index; i < depth; i++) {
                feature[at + i] = feature[at + i + 1];
                zero[at + i] = zero[at + i + 1];
                one[at + i] = one[at + i + 1];
            }
        }

        double unwoundSum(int at, int depth, int index) {
            double oneFraction = one[at + index];
            double zeroFraction = zero[at + index];
            double next = weight[at + depth];
            double total = 0;
            for (int i = depth - 1; i >= 0; i--) {
                if (oneFraction != 0) {
                    double tmp = next * (depth + 1) / ((i + 1) * oneFraction);
                    total += tmp;
                    next = weight[at + i] - tmp * zeroFraction * ((depth - i) / (double) (depth + 1));
                } else {
                    total += (weight[at + i] / zeroFraction) / ((depth - i) / (double) (depth + 1));
                }
            }
            return total;
        }
    }
}
