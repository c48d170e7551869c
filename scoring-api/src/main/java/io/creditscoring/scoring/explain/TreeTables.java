package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.Tree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One tree in preorder with the tables {@link FastTreeShap} reads: the internal nodes' splits ({@code leaf[k]} is -1)
 * and, per leaf ({@code leaf[k]} its number), its path's distinct columns in order of first split, their
 * {@code 1 / z}, {@code N} indexed by the subset of followed columns, and the path's nodes as bits of a long over the
 * internal nodes in preorder: those splitting first on a column, those whose left branch the path takes, and the
 * later splits on a column already on the path with that column's mask bit.
 *
 * <p>Two leaves under one node ({@code pairLeft}, {@code pairRight}, the node's column at place {@code pairColumn}
 * of their common path) are explained together, see {@link #pairTable}.
 */
record TreeTables(
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
        int[][] repeatColumnBit,
        int[] pairLeft,
        int[] pairRight,
        int[] pairColumn,
        boolean[] paired) {

    /** The row's turns at a tree's internal nodes are one long: depth 6 at most when the tree is full. */
    static final int MAX_INTERNAL_NODES = Long.SIZE;

    /** Doubles of table: {@code 2^d} per single leaf, {@code 3 x 2^d} per pair. */
    long tableSize() {
        long size = 0;
        for (int l = 0; l < depth.length; l++) {
            size += paired[l] ? 0 : 1L << depth[l];
        }
        for (int left : pairLeft) {
            size += 3L << depth[left];
        }
        return size;
    }

    /**
     * The tables of a tree, or null when a path has more than {@code maxPathColumns} distinct columns, the tree more
     * than {@link #MAX_INTERNAL_NODES} internal nodes, or a cover is not positive.
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
        List<int[]> pairs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int original = walk.order.get(k);
            if (tree.isLeaf(original)) {
                column[k] = -1;
                leaf[k] = walk.leafOf[original];
                continue;
            }
            column[k] = tree.featureIndex()[original];
            threshold[k] = (float) tree.threshold()[original];
            defaultLeft[k] = tree.defaultLeft()[original];
            leaf[k] = -1;
            int left = tree.left()[original];
            int right = tree.right()[original];
            if (tree.isLeaf(left) && tree.isLeaf(right)) {
                int[] columns = walk.leaves.get(walk.leafOf[left]).columns();
                int place = 0;
                while (columns[place] != column[k]) {
                    place++;
                }
                pairs.add(new int[] {walk.leafOf[left], walk.leafOf[right], place});
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
        boolean[] paired = new boolean[leaves];
        for (int[] pair : pairs) {
            paired[pair[0]] = true;
            paired[pair[1]] = true;
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
                walk.leaves.stream().map(Preorder.Leaf::repeatColumnBit).toArray(int[][]::new),
                pairs.stream().mapToInt(p -> p[0]).toArray(),
                pairs.stream().mapToInt(p -> p[1]).toArray(),
                pairs.stream().mapToInt(p -> p[2]).toArray(),
                paired);
    }

    /**
     * The table of pair {@code p}: leaves {@code a} and {@code b} under one node splitting on column {@code c} share
     * their path's columns {@code R} and every {@code z} but {@code c}'s. The row follows the same columns of
     * {@code R} other than {@code c}, the set {@code W}, on both leaves, and {@code c} on neither (a split on
     * {@code c} above not followed, state 0), on {@code a} only (state 1) or on {@code b} only (state 2). A column
     * {@code i != c} receives the sum of both leaves' values, which is a leaf's value with the table
     * {@code M_state(U) = N_a(U + c if state 1) + N_b(U + c if state 2)} over the subsets of {@code R} minus
     * {@code c}; {@code c} receives {@code C_state(W)}, each leaf's value for it. One read per column of the path for
     * both leaves instead of one per leaf.
     *
     * @return {@code M} for states 0, 1, 2, then {@code C} for states 0, 1, 2, each indexed by a subset of the
     *     path's columns other than {@code c} in their order
     */
    double[] pairTable(int p) {
        int a = pairLeft[p];
        int b = pairRight[p];
        int d = depth[a];
        int c = 1 << pairColumn[p];
        int others = ((1 << d) - 1) & ~c;
        int half = 1 << (d - 1);
        double[] pair = new double[6 * half];
        for (int state = 0; state < 3; state++) {
            int onA = state == 1 ? c : 0;
            int onB = state == 2 ? c : 0;
            double multiplierA = state == 1 ? pathInverseZero[a][pairColumn[p]] - 1 : -1;
            double multiplierB = state == 2 ? pathInverseZero[b][pairColumn[p]] - 1 : -1;
            for (int u = 0; u < half; u++) {
                int subset = Integer.expand(u, others);
                pair[state * half + u] = table[a][subset | onA] + table[b][subset | onB];
                pair[(3 + state) * half + u] = multiplierA * table[a][subset] + multiplierB * table[b][subset];
            }
        }
        return pair;
    }

    /**
     * {@code N(S) = v sum over T subset of S of w(|T|) prod(j not in T) z_j} for every S over d path columns: the
     * terms {@code g(T)} first, then their sums over subsets, one column at a time. {@code N} of the whole path is
     * never read (a column of the path is missing from every subset read) and stays 0.
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
