package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code O(d 2^d)}. Per row, one pass over a tree's internal nodes sets a bit per node, the row's turn; each leaf
 * then gathers the bits of its path's nodes into the set {@code S} and costs a table read and a multiply-add per
 * distinct column of its path: {@code O(leaves x depth)} per tree, against {@code O(leaves x depth x quadrature
 * nodes)} with a recursive walk in {@link TreeShap}.
 *
 * <p>Memory is bounded: a tree with a path over more than {@code maxPathColumns} distinct columns, with more than
 * 64 internal nodes, with a cover that is not positive, or whose tables would pass {@code tableBudget} doubles in
 * all, is explained by the existing {@link TreeShap} walk instead.
 */
final class FastTreeShap implements ReasonExplainer {

    /** Paths over at most 8 distinct columns: 256 doubles per leaf (XGBoost's default depth is 6). */
    static final int MAX_PATH_COLUMNS = 8;
    /** The row's turns at a tree's internal nodes are one long: depth 6 at most when the tree is full. */
    static final int MAX_INTERNAL_NODES = Long.SIZE;
    /** At most 4 Mi doubles (32 MiB) of tables per model; the trees after that use the walk. */
    static final int TABLE_BUDGET = 1 << 22;

    private final PipelineEvaluator evaluator;
    private final int width;
    private final int[] owners;
    private final List<String> features;
    private final double expectedMargin;

    // the precomputed trees, tree t owning internal nodes [treeInternal[t], treeInternal[t + 1]) and leaves
    // [treeLeaf[t], treeLeaf[t + 1]); a tree's internal nodes are numbered in preorder from 0, their bit in a long
    private final int trees;
    private final int[] treeInternal;
    private final int[] treeLeaf;
    // internal nodes: the split (1 when a missing value goes left)
    private final int[] nodeColumn;
    private final float[] nodeThreshold;
    private final int[] nodeDefaultLeft;
    // leaves: the bits of the internal nodes splitting first on each of the path's columns, the bits of the nodes
    // whose left branch the path takes, the first table entry, the first path entry and the first later split on
    // a column already on the path (one more entry closes the last leaf's)
    private final long[] leafFirstSplits;
    private final long[] leafLeftTurns;
    private final int[] leafTableStart;
    private final int[] leafPathStart;
    private final int[] leafRepeatStart;
    // later splits on a path's column: the node's bit number and the column's mask bit, cleared when not followed
    private final int[] repeatNode;
    private final int[] repeatColumnBit;
    // path entries, one per distinct column of a leaf's path, the i-th owning mask bit 1 << i: the column, the
    // feature owning it, and 1 / z
    private final int[] pathColumn;
    private final int[] pathFeature;
    private final double[] pathInverseZero;
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
        int repeats = 0;
        for (TreeTables t : precomputed) {
            internals += t.column.length - t.depth.length;
            leaves += t.depth.length;
            for (int l = 0; l < t.depth.length; l++) {
                paths += t.depth[l];
                repeats += t.repeatNode[l].length;
            }
        }
        this.trees = precomputed.size();
        this.treeInternal = new int[trees + 1];
        this.treeLeaf = new int[trees + 1];
        this.nodeColumn = new int[internals];
        this.nodeThreshold = new float[internals];
        this.nodeDefaultLeft = new int[internals];
        this.leafFirstSplits = new long[leaves];
        this.leafLeftTurns = new long[leaves];
        this.leafTableStart = new int[leaves];
        this.leafPathStart = new int[leaves + 1];
        this.leafRepeatStart = new int[leaves + 1];
        this.repeatNode = new int[repeats];
        this.repeatColumnBit = new int[repeats];
        this.pathColumn = new int[paths];
        this.pathFeature = new int[paths];
        this.pathInverseZero = new double[paths];
        this.table = new double[(int) tableSize];
        int node = 0;
        int leaf = 0;
        int path = 0;
        int repeat = 0;
        int entry = 0;
        for (int t = 0; t < precomputed.size(); t++) {
            TreeTables tree = precomputed.get(t);
            treeInternal[t] = node;
            treeLeaf[t] = leaf;
            for (int k = 0; k < tree.column.length; k++) {
                int l = tree.leaf[k];
                if (l < 0) {
                    nodeColumn[node] = tree.column[k];
                    nodeThreshold[node] = tree.threshold[k];
                    nodeDefaultLeft[node] = tree.defaultLeft[k] ? 1 : 0;
                    node++;
                    continue;
                }
                int d = tree.depth[l];
                leafFirstSplits[leaf] = tree.firstSplits[l];
                leafLeftTurns[leaf] = tree.leftTurns[l];
                leafTableStart[leaf] = entry;
                leafPathStart[leaf] = path;
                leafRepeatStart[leaf] = repeat;
                for (int r = 0; r < tree.repeatNode[l].length; r++, repeat++) {
                    repeatNode[repeat] = tree.repeatNode[l][r];
                    repeatColumnBit[repeat] = tree.repeatColumnBit[l][r];
                }
                for (int i = 0; i < d; i++, path++) {
                    pathColumn[path] = tree.pathColumn[l][i];
                    pathFeature[path] = owners[tree.pathColumn[l][i]];
                    pathInverseZero[path] = tree.pathInverseZero[l][i];
                }
                System.arraycopy(tree.table[l], 0, table, entry, tree.table[l].length);
                entry += tree.table[l].length;
                leaf++;
            }
        }
        treeInternal[trees] = node;
        treeLeaf[trees] = leaf;
        leafPathStart[leaves] = path;
        leafRepeatStart[leaves] = repeat;
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
     * row follows adds {@code (1 - z) / z * N(S minus i)}, one it does not follow {@code -N(S)}.
     *
     * <p>Nothing here branches on the row's values, which no branch predictor guesses: the row's turns at a tree's
     * nodes are bits of one long, each leaf picks the bits of its path's first splits ({@link Long#compress}, one
     * instruction) and clears the columns of later splits not followed, and each path entry reads either table
     * entry by arithmetic on the mask.
     */
    private void accumulate(double[] x, int[] slot, double[] out) {
        // a missing value takes the node's default branch; -0 becomes +0 so that the sign of v - threshold is the
        // comparison v < threshold (a difference of floats is 0 only between equal floats)
        float[] value = new float[x.length];
        int[] missing = new int[x.length];
        for (int c = 0; c < x.length; c++) {
            missing[c] = Double.isNaN(x[c]) ? 1 : 0;
            value[c] = missing[c] == 1 ? 0 : (float) x[c] + 0.0f;
        }
        for (int t = 0; t < trees; t++) {
            int first = treeInternal[t];
            long left = 0;
            for (int g = first; g < treeInternal[t + 1]; g++) {
                int column = nodeColumn[g];
                int less = Float.floatToRawIntBits(value[column] - nodeThreshold[g]) >>> 31;
                int goesLeft = less ^ ((less ^ nodeDefaultLeft[g]) & missing[column]);
                left |= (long) goesLeft << (g - first);
            }
            for (int leaf = treeLeaf[t]; leaf < treeLeaf[t + 1]; leaf++) {
                long turns = ~(left ^ leafLeftTurns[leaf]);
                int followed = (int) Long.compress(turns, leafFirstSplits[leaf]);
                for (int r = leafRepeatStart[leaf]; r < leafRepeatStart[leaf + 1]; r++) {
                    followed &= ~(repeatColumnBit[r] & ((int) (turns >>> repeatNode[r] & 1) - 1));
                }
                int tableAt = leafTableStart[leaf];
                int end = leafPathStart[leaf + 1];
                for (int p = leafPathStart[leaf], i = 0; p < end; p++, i++) {
                    int follows = (followed >>> i) & 1;
                    out[slot[p]] += (follows * pathInverseZero[p] - 1) * table[tableAt + (followed & ~(1 << i))];
                }
            }
        }
    }

    /**
     * One tree in preorder with its leaves' tables: the internal nodes' splits ({@code leaf[k]} is -1) and, per leaf
     * ({@code leaf[k]} its number), its path's distinct columns in order of first split, their {@code 1 / z},
     * {@code N} indexed by the subset of followed columns, and the path's nodes as bits of a long over the internal
     * nodes in preorder: those splitting first on a column, those whose left branch the path takes, and the later
     * splits on a column already on the path with that column's mask bit.
     */
    private record TreeTables(
            int[] column,
            float[] threshold,
            boolean[] defaultLeft,
            int[] leaf,
            int[] depth,
            int[][] pathColumn,
            double[][] pathInverseZero,
            double[][] table,
            long[] firstSplits,
            long[] leftTurns,
            int[][] repeatNode,
            int[][] repeatColumnBit) {

        long tableSize() {
            long size = 0;
            for (double[] t : table) {
                size += t.length;
            }
            return size;
        }

        /**
         * The tables of a tree, or null when a path has more than {@code maxPathColumns} distinct columns or the
         * tree more than {@link #MAX_INTERNAL_NODES} internal nodes.
         */
        static TreeTables of(Tree tree, int maxPathColumns) {
            for (double cover : tree.cover()) {
                if (!(cover > 0) || Double.isInfinite(cover)) {
                    return null;
                }
            }
            Preorder walk = new Preorder(tree, maxPathColumns);
            if (!walk.visit(0, 0, 0L, 0L, 0)) {
                return null;
            }
            int n = walk.order.size();
            int[] column = new int[n];
            float[] threshold = new float[n];
            boolean[] defaultLeft = new boolean[n];
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
                    leaf[k] = -1;
                }
            }
            int leaves = walk.leaves.size();
            int[] depth = new int[leaves];
            double[][] table = new double[leaves][];
            double[][] inverseZeros = new double[leaves][];
            for (int l = 0; l < leaves; l++) {
                Preorder.Leaf path = walk.leaves.get(l);
                depth[l] = path.columns().length;
                inverseZeros[l] = new double[depth[l]];
                for (int i = 0; i < depth[l]; i++) {
                    inverseZeros[l][i] = 1 / path.zeros()[i];
                }
                table[l] = leafTable(path.value(), path.zeros(), depth[l]);
            }
            return new TreeTables(
                    column,
                    threshold,
                    defaultLeft,
                    leaf,
                    depth,
                    walk.leaves.stream().map(Preorder.Leaf::columns).toArray(int[][]::new),
                    inverseZeros,
                    table,
                    walk.leaves.stream().mapToLong(Preorder.Leaf::firstSplits).toArray(),
                    walk.leaves.stream().mapToLong(Preorder.Leaf::leftTurns).toArray(),
                    walk.leaves.stream().map(Preorder.Leaf::repeatNode).toArray(int[][]::new),
                    walk.leaves.stream().map(Preorder.Leaf::repeatColumnBit).toArray(int[][]::new));
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
        /** A leaf's path: see {@link TreeTables}. */
        record Leaf(
                double value,
                int[] columns,
                double[] zeros,
                long firstSplits,
                long leftTurns,
                int[] repeatNode,
                int[] repeatColumnBit) {}

        final Tree tree;
        final int maxPathColumns;
        final List<Integer> order = new ArrayList<>();
        final int[] leafOf;
        final List<Leaf> leaves = new ArrayList<>();
        // the path being walked: its distinct columns and their zero fractions, its later splits on them
        final int[] pathColumns;
        final double[] pathZero;
        final int[] repeatNode = new int[MAX_INTERNAL_NODES];
        final int[] repeatColumnBit = new int[MAX_INTERNAL_NODES];
        int internalNodes;

        Preorder(Tree tree, int maxPathColumns) {
            this.tree = tree;
            this.maxPathColumns = maxPathColumns;
            this.leafOf = new int[tree.nodeCount()];
            this.pathColumns = new int[maxPathColumns + 1];
            this.pathZero = new double[maxPathColumns + 1];
        }

        /**
         * Visits a node with {@code length} distinct columns and {@code repeats} later splits on the path above it;
         * false when a path or the tree is too large.
         */
        boolean visit(int node, int length, long firstSplits, long leftTurns, int repeats) {
            order.add(node);
            if (tree.isLeaf(node)) {
                leafOf[node] = leaves.size();
                leaves.add(new Leaf(
                        tree.leafValue()[node],
                        Arrays.copyOf(pathColumns, length),
                        Arrays.copyOf(pathZero, length),
                        firstSplits,
                        leftTurns,
                        Arrays.copyOf(repeatNode, repeats),
                        Arrays.copyOf(repeatColumnBit, repeats)));
                return true;
            }
            int column = tree.featureIndex()[node];
            int at = 0;
            while (at < length && pathColumns[at] != column) {
                at++;
            }
            int self = internalNodes++;
            if (at == maxPathColumns || self == MAX_INTERNAL_NODES) {
                return false;
            }
            boolean first = at == length;
            int childLength = first ? length + 1 : length;
            long childFirstSplits = first ? firstSplits | 1L << self : firstSplits;
            int childRepeats = repeats;
            if (!first) {
                repeatNode[repeats] = self;
                repeatColumnBit[repeats] = 1 << at;
                childRepeats++;
            }
            double saved = first ? 1.0 : pathZero[at];
            pathColumns[at] = column;
            double cover = tree.cover()[node];
            pathZero[at] = saved * tree.cover()[tree.left()[node]] / cover;
            if (!visit(tree.left()[node], childLength, childFirstSplits, leftTurns | 1L << self, childRepeats)) {
                return false;
            }
            pathZero[at] = saved * tree.cover()[tree.right()[node]] / cover;
            if (!visit(tree.right()[node], childLength, childFirstSplits, leftTurns, childRepeats)) {
                return false;
            }
            pathZero[at] = saved;
            return true;
        }
    }
}
