package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exact TreeSHAP with per-leaf tables computed once when the model is loaded (the idea of Fast TreeSHAP v2, Yang
 * 2022), giving the same values as {@link TreeShap} with a few table reads per leaf and row.
 *
 * <p>Take a leaf of value {@code v} whose path splits on the distinct columns {@code P} ({@code d = |P|}), with zero
 * fractions {@code z_j} (the product of the cover ratios of the splits on {@code j}). A row follows every split on
 * some of these columns, the set {@code S}; only {@code S} depends on the row. The leaf's Shapley value for column
 * {@code i} is {@code v (o_i - z_i) sum over T subset of (S minus i) of w(|T|) prod(j in P, j not in T, j != i) z_j},
 * with {@code w(k) = k! (d-1-k)! / d!}. Writing {@code N(S) = v sum over T subset of S of w(|T|) prod(j in P not in
 * T) z_j}:
 *
 * <ul>
 *   <li>a column the row does not follow ({@code i} not in {@code S}) receives {@code -N(S)}, the same for all of
 *       them;
 *   <li>a column the row follows receives {@code (1 - z_i) / z_i * N(S minus i)}.
 * </ul>
 *
 * So {@code N} over the {@code 2^d} subsets of the path is the leaf's table, built by a subset-sum transform in
 * {@code O(d 2^d)}. Per row, one pass over a tree's internal nodes in preorder gives each node its mask (a node's
 * bit is its column's place on the path; the branch the row does not take clears it), and each leaf then costs a
 * table read and a multiply-add per distinct column of its path: {@code O(leaves x depth)} per tree, against
 * {@code O(leaves x depth x quadrature nodes)} with a recursive walk in {@link TreeShap}.
 *
 * <p>Memory is bounded: a tree with a path over more than {@code maxPathColumns} distinct columns, with a cover
 * that is not positive, or whose tables would pass {@code tableBudget} doubles in all, is explained by the
 * existing {@link TreeShap} walk instead.
 */
final class FastTreeShap implements ReasonExplainer {

    /** Paths over at most 8 distinct columns: 256 doubles per leaf (XGBoost's default depth is 6). */
    static final int MAX_PATH_COLUMNS = 8;
    /** At most 4 Mi doubles (32 MiB) of tables per model; the trees after that use the walk. */
    static final int TABLE_BUDGET = 1 << 22;

    private final PipelineEvaluator evaluator;
    private final int width;
    private final int[] owners;
    private final List<String> features;
    private final double expectedMargin;

    // the precomputed trees, tree t owning internal nodes [treeInternal[t], treeInternal[t + 1]) and leaves
    // [treeLeaf[t], treeLeaf[t + 1]); nodes are numbered in preorder within their tree (the masks' index)
    private final int trees;
    private final int[] treeInternal;
    private final int[] treeLeaf;
    private final int maxTreeNodes;
    // internal nodes: their own number, the split, the mask bit of its column, the children
    private final int[] nodeSelf;
    private final int[] nodeColumn;
    private final float[] nodeThreshold;
    private final boolean[] nodeDefaultLeft;
    private final int[] nodeBit;
    private final int[] nodeLeft;
    private final int[] nodeRight;
    // leaves: their node, the mask of their path's bits, first table entry, first path entry (one more entry
    // closes the last leaf's path)
    private final int[] leafNode;
    private final int[] leafPathMask;
    private final int[] leafTableStart;
    private final int[] leafPathStart;
    // path entries, one per distinct column of a leaf's path, the i-th owning mask bit 1 << i: the column, the
    // feature owning it, and (1 - z) / z
    private final int[] pathColumn;
    private final int[] pathFeature;
    private final double[] pathRatio;
    private final double[] table;

    private final TreeShap fallback;
    private final int fallbackTrees;

    FastTreeShap(Preprocessing preprocessing, PipelineEvaluator evaluator, TreeEnsembleModel model) {
        this(preprocessing, evaluator, model, MAX_PATH_COLUMNS, TABLE_BUDGET);
    }

    FastTreeShap(
            Preprocessing preprocessing,
            PipelineEvaluator evaluator,
            TreeEnsembleModel model,
            int maxPathColumns,
            int tableBudget) {
        if (maxPathColumns < 0 || maxPathColumns > 30) {
            throw new IllegalArgumentException("maxPathColumns must be in [0, 30], not " + maxPathColumns);
        }
        this.evaluator = evaluator;
        this.width = preprocessing.width();
        this.owners = ReasonExplainer.columnOwners(preprocessing.inputs(), width);
        this.features =
                preprocessing.inputs().stream().map(InputTransform::feature).toList();
        this.expectedMargin = model.trees().stream()
                .mapToDouble(t -> TreeShap.expectedValue(t, 0))
                .sum();

        List<TreeTables> precomputed = new ArrayList<>();
        List<Tree> deep = new ArrayList<>();
        long tableSize = 0;
        for (Tree tree : model.trees()) {
            TreeTables tables = TreeTables.of(tree, maxPathColumns);
            if (tables != null && tableSize + tables.tableSize() <= tableBudget) {
                precomputed.add(tables);
                tableSize += tables.tableSize();
            } else {
                deep.add(tree);
            }
        }
        int internals = 0;
        int leaves = 0;
        int paths = 0;
        int widest = 1;
        for (TreeTables t : precomputed) {
            internals += t.column.length - t.depth.length;
            leaves += t.depth.length;
            for (int d : t.depth) {
                paths += d;
            }
            widest = Math.max(widest, t.column.length);
        }
        this.maxTreeNodes = widest;
        this.trees = precomputed.size();
        this.treeInternal = new int[trees + 1];
        this.treeLeaf = new int[trees + 1];
        this.nodeSelf = new int[internals];
        this.nodeColumn = new int[internals];
        this.nodeThreshold = new float[internals];
        this.nodeDefaultLeft = new boolean[internals];
        this.nodeBit = new int[internals];
        this.nodeLeft = new int[internals];
        this.nodeRight = new int[internals];
        this.leafNode = new int[leaves];
        this.leafPathMask = new int[leaves];
        this.leafTableStart = new int[leaves];
        this.leafPathStart = new int[leaves + 1];
        this.pathColumn = new int[paths];
        this.pathFeature = new int[paths];
        this.pathRatio = new double[paths];
        this.table = new double[(int) tableSize];
        int node = 0;
        int leaf = 0;
        int path = 0;
        int entry = 0;
        for (int t = 0; t < precomputed.size(); t++) {
            TreeTables tree = precomputed.get(t);
            treeInternal[t] = node;
            treeLeaf[t] = leaf;
            for (int k = 0; k < tree.column.length; k++) {
                int l = tree.leaf[k];
                if (l < 0) {
                    nodeSelf[node] = k;
                    nodeColumn[node] = tree.column[k];
                    nodeThreshold[node] = tree.threshold[k];
                    nodeDefaultLeft[node] = tree.defaultLeft[k];
                    nodeBit[node] = tree.bit[k];
                    nodeLeft[node] = tree.left[k];
                    nodeRight[node] = tree.right[k];
                    node++;
                    continue;
                }
                int d = tree.depth[l];
                leafNode[leaf] = k;
                leafPathMask[leaf] = (1 << d) - 1;
                leafTableStart[leaf] = entry;
                leafPathStart[leaf] = path;
                for (int i = 0; i < d; i++, path++) {
                    pathColumn[path] = tree.pathColumn[l][i];
                    pathFeature[path] = owners[tree.pathColumn[l][i]];
                    pathRatio[path] = tree.pathRatio[l][i];
                }
                System.arraycopy(tree.table[l], 0, table, entry, tree.table[l].length);
                entry += tree.table[l].length;
                leaf++;
            }
        }
        treeInternal[trees] = node;
        treeLeaf[trees] = leaf;
        leafPathStart[leaves] = path;
        this.fallbackTrees = deep.size();
        this.fallback = deep.isEmpty() ? null : new TreeShap(preprocessing, evaluator, new TreeEnsembleModel(deep, 0));
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public double[] contributions(Map<String, Object> row) {
        double[] x = evaluator.vector(row);
        double[] out = new double[features.size()];
        accumulate(x, pathFeature, out);
        if (fallback != null) {
            double[] phi = new double[width + 1];
            fallback.addColumnContributions(x, phi);
            for (int j = 0; j < width; j++) {
                out[owners[j]] += phi[j];
            }
        }
        return out;
    }

    /** Shapley values per model-vector column; the last element is the bias (expected margin less the base). */
    double[] columnContributions(double[] x) {
        double[] phi = new double[width + 1];
        accumulate(x, pathColumn, phi);
        if (fallback != null) {
            fallback.addColumnContributions(x, phi);
        }
        phi[width] = expectedMargin;
        return phi;
    }

    /** How many trees are explained by the walk of {@link TreeShap} because their tables would not fit. */
    int fallbackTrees() {
        return fallbackTrees;
    }

    /**
     * Adds the precomputed trees' values to {@code out}, at {@code slot[path entry]} for each path entry: a column the
     * row follows adds {@code ratio * N(S minus i)}, one it does not follow {@code -N(S)}.
     */
    private void accumulate(double[] x, int[] slot, double[] out) {
        int[] masks = new int[maxTreeNodes];
        for (int t = 0; t < trees; t++) {
            masks[0] = -1;
            for (int g = treeInternal[t]; g < treeInternal[t + 1]; g++) {
                double value = x[nodeColumn[g]];
                boolean left = Double.isNaN(value) ? nodeDefaultLeft[g] : (float) value < nodeThreshold[g];
                int mask = masks[nodeSelf[g]];
                int cleared = mask & ~nodeBit[g];
                masks[nodeLeft[g]] = left ? mask : cleared;
                masks[nodeRight[g]] = left ? cleared : mask;
            }
            for (int leaf = treeLeaf[t]; leaf < treeLeaf[t + 1]; leaf++) {
                int followed = masks[leafNode[leaf]] & leafPathMask[leaf];
                int tableAt = leafTableStart[leaf];
                double notFollowed = -table[tableAt + followed];
                int end = leafPathStart[leaf + 1];
                for (int p = leafPathStart[leaf], bit = 1; p < end; p++, bit <<= 1) {
                    out[slot[p]] +=
                            (followed & bit) != 0 ? pathRatio[p] * table[tableAt + (followed ^ bit)] : notFollowed;
                }
            }
        }
    }

    /**
     * One tree in preorder with its leaves' tables. {@code bit[k]} is the mask bit of node k's column on the
     * path (cleared on the branch the row does not take); per leaf, its path's distinct columns in order of first
     * split, their {@code (1 - z) / z}, and {@code N} indexed by the subset of followed columns.
     */
    private record TreeTables(
            int[] column,
            float[] threshold,
            boolean[] defaultLeft,
            int[] bit,
            int[] left,
            int[] right,
            int[] leaf,
            int[] depth,
            int[][] pathColumn,
            double[][] pathRatio,
            double[][] table) {

        long tableSize() {
            long size = 0;
            for (double[] t : table) {
                size += t.length;
            }
            return size;
        }

        /** The tables of a tree, or null when a path has more than {@code maxPathColumns} distinct columns. */
        static TreeTables of(Tree tree, int maxPathColumns) {
            for (double cover : tree.cover()) {
                if (!(cover > 0) || Double.isInfinite(cover)) {
                    return null;
                }
            }
            Preorder walk = new Preorder(tree, maxPathColumns);
            if (!walk.visit(0, 0)) {
                return null;
            }
            int n = walk.order.size();
            int[] localOf = new int[tree.nodeCount()];
            for (int k = 0; k < n; k++) {
                localOf[walk.order.get(k)] = k;
            }
            int[] column = new int[n];
            float[] threshold = new float[n];
            boolean[] defaultLeft = new boolean[n];
            int[] bit = new int[n];
            int[] left = new int[n];
            int[] right = new int[n];
            int[] leaf = new int[n];
            for (int k = 0; k < n; k++) {
                int original = walk.order.get(k);
                if (tree.isLeaf(original)) {
                    column[k] = -1;
                    leaf[k] = walk.leafOf[original];
                } else {
                    column[k] = tree.featureIndex()[original];
                    threshold[k] = (float) tree.threshold()[original];
                    defaultLeft[k] = tree.defaultLeft()[original];
                    bit[k] = 1 << walk.bitOf[original];
                    left[k] = localOf[tree.left()[original]];
                    right[k] = localOf[tree.right()[original]];
                    leaf[k] = -1;
                }
            }
            int leaves = walk.leafDepth.size();
            int[] depth = new int[leaves];
            double[][] table = new double[leaves][];
            double[][] ratios = new double[leaves][];
            for (int l = 0; l < leaves; l++) {
                depth[l] = walk.leafDepth.get(l);
                double[] z = walk.leafZero.get(l);
                ratios[l] = new double[depth[l]];
                for (int i = 0; i < depth[l]; i++) {
                    ratios[l][i] = (1 - z[i]) / z[i];
                }
                table[l] = leafTable(walk.leafValue.get(l), z, depth[l]);
            }
            return new TreeTables(
                    column,
                    threshold,
                    defaultLeft,
                    bit,
                    left,
                    right,
                    leaf,
                    depth,
                    walk.leafColumns.toArray(int[][]::new),
                    ratios,
                    table);
        }

        /**
         * {@code N(S) = v sum over T subset of S of w(|T|) prod(j not in T) z_j} for every S over d path columns:
         * the terms {@code g(T)} first, then their sums over subsets, one column at a time. {@code N} of the whole
         * path is never read (a column of the path is missing from every subset read) and stays 0.
         */
        static double[] leafTable(double value, double[] z, int d) {
            int full = (1 << d) - 1;
            double[] n = new double[1 << d];
            for (int subset = 0; subset < full; subset++) {
                double product = 1;
                for (int j = 0; j < d; j++) {
                    if ((subset & (1 << j)) == 0) {
                        product *= z[j];
                    }
                }
                n[subset] = shapleyWeight(Integer.bitCount(subset), d) * product;
            }
            for (int j = 0; j < d; j++) {
                int bit = 1 << j;
                for (int subset = 0; subset < full; subset++) {
                    if ((subset & bit) != 0) {
                        n[subset] += n[subset ^ bit];
                    }
                }
            }
            for (int subset = 0; subset < full; subset++) {
                n[subset] *= value;
            }
            return n;
        }

        /** {@code k! (d-1-k)! / d!}: the weight of a coalition of k of the other d - 1 players. */
        static double shapleyWeight(int k, int d) {
            double w = 1.0 / d;
            // divide by C(d-1, k)
            for (int i = 1; i <= k; i++) {
                w *= (double) i / (d - k - 1 + i);
            }
            return w;
        }
    }

    /** The depth-first walk that numbers the nodes in preorder and collects each leaf's path. */
    private static final class Preorder {
        final Tree tree;
        final int maxPathColumns;
        final List<Integer> order = new ArrayList<>();
        final int[] bitOf;
        final int[] leafOf;
        final int[] pathColumns;
        final double[] pathZero;
        final List<Integer> leafDepth = new ArrayList<>();
        final List<Double> leafValue = new ArrayList<>();
        final List<int[]> leafColumns = new ArrayList<>();
        final List<double[]> leafZero = new ArrayList<>();

        Preorder(Tree tree, int maxPathColumns) {
            this.tree = tree;
            this.maxPathColumns = maxPathColumns;
            this.bitOf = new int[tree.nodeCount()];
            this.leafOf = new int[tree.nodeCount()];
            this.pathColumns = new int[maxPathColumns + 1];
            this.pathZero = new double[maxPathColumns + 1];
        }

        /** Visits a node with {@code length} distinct columns on the path above it; false when a path is too long. */
        boolean visit(int node, int length) {
            order.add(node);
            if (tree.isLeaf(node)) {
                leafOf[node] = leafDepth.size();
                leafDepth.add(length);
                leafValue.add(tree.leafValue()[node]);
                leafColumns.add(java.util.Arrays.copyOf(pathColumns, length));
                leafZero.add(java.util.Arrays.copyOf(pathZero, length));
                return true;
            }
            int column = tree.featureIndex()[node];
            int at = 0;
            while (at < length && pathColumns[at] != column) {
                at++;
            }
            if (at == maxPathColumns) {
                return false;
            }
            bitOf[node] = at;
            int childLength = at == length ? length + 1 : length;
            double saved = at == length ? 1.0 : pathZero[at];
            pathColumns[at] = column;
            double cover = tree.cover()[node];
            for (int child : new int[] {tree.left()[node], tree.right()[node]}) {
                pathZero[at] = saved * tree.cover()[child] / cover;
                if (!visit(child, childLength)) {
                    return false;
                }
            }
            pathZero[at] = saved;
            return true;
        }
    }
}
