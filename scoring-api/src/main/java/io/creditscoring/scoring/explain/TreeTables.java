package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.Tree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One tree in preorder with the tables {@link FastTreeShap} reads: the internal nodes' splits ({@code leaf[k]} is -1)
 * and, per leaf ({@code leaf[k]} its number), its path's distinct columns in order of first split, their
 * {@code 1 / z} and {@code N} indexed by the subset of followed columns. Per node, its path's nodes as bits of a long
 * over the internal nodes in preorder: those splitting first on a column, those whose left branch the path takes, and
 * the later splits on a column already on the path with that column's mask bit.
 *
 * <p>Two leaves under one node ({@code pairLeft}, {@code pairRight}, the node's column at place {@code pairColumn}
 * of their common path) are explained together, see {@link #pairTable}; so are four leaves under a node whose
 * children both split into two leaves ({@code quads}, see {@link LeafQuad}). {@code grouped} marks the leaves of
 * both.
 */
record TreeTables(
        int[] column,
        float[] threshold,
        boolean[] defaultLeft,
        int[] leaf,
        long[] firstSplits,
        long[] leftTurns,
        int[][] repeatNode,
        int[][] repeatColumnBit,
        int[] depth,
        int[][] pathColumn,
        double[][] pathInverseZero,
        double[][] table,
        int[] pairLeft,
        int[] pairRight,
        int[] pairColumn,
        List<LeafQuad> quads,
        boolean[] grouped) {

    /** The row's turns at a tree's internal nodes are one long: depth 6 at most when the tree is full. */
    static final int MAX_INTERNAL_NODES = Long.SIZE;

    /** Per leaf: its path's distinct columns in order of first split, their {@code 1 / z}, its table {@code N}. */
    record LeafPaths(int[][] columns, double[][] inverseZeros, double[][] tables) {}

    /** Entries of table: {@code 2^d} per single leaf, {@code 3 x 2^d} per pair, see {@link LeafQuad} per quad. */
    long tableSize() {
        long size = 0;
        for (int l = 0; l < depth.length; l++) {
            size += grouped[l] ? 0 : 1L << depth[l];
        }
        for (int left : pairLeft) {
            size += 3L << depth[left];
        }
        for (LeafQuad quad : quads) {
            size += quad.table().length;
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
        List<int[]> quads = new ArrayList<>();
        boolean[] inQuad = new boolean[tree.nodeCount()];
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
            int[] quad = walk.quad(original);
            if (quad != null) {
                quads.add(quad);
                inQuad[left] = true;
                inQuad[right] = true;
            } else if (tree.isLeaf(left) && tree.isLeaf(right) && !inQuad[original]) {
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
        boolean[] grouped = new boolean[leaves];
        for (int[] pair : pairs) {
            grouped[pair[0]] = true;
            grouped[pair[1]] = true;
        }
        LeafPaths paths = new LeafPaths(
                walk.leaves.stream().map(Preorder.Leaf::columns).toArray(int[][]::new), inverseZeros, table);
        List<LeafQuad> leafQuads = new ArrayList<>();
        for (int[] quad : quads) {
            int[] leafNumbers = Arrays.copyOfRange(quad, 1, 5);
            for (int l : leafNumbers) {
                grouped[l] = true;
            }
            int node = quad[0];
            int[] columns = {
                tree.featureIndex()[node],
                tree.featureIndex()[tree.left()[node]],
                tree.featureIndex()[tree.right()[node]]
            };
            leafQuads.add(LeafQuad.of(walk.orderOf[node], walk.lengthAbove[node], columns, leafNumbers, paths));
        }
        return new TreeTables(
                column,
                threshold,
                defaultLeft,
                leaf,
                walk.firstSplits.stream().mapToLong(Long::longValue).toArray(),
                walk.leftTurns.stream().mapToLong(Long::longValue).toArray(),
                walk.repeatNodes.toArray(int[][]::new),
                walk.repeatColumnBits.toArray(int[][]::new),
                depth,
                walk.leaves.stream().map(Preorder.Leaf::columns).toArray(int[][]::new),
                inverseZeros,
                table,
                pairs.stream().mapToInt(p -> p[0]).toArray(),
                pairs.stream().mapToInt(p -> p[1]).toArray(),
                pairs.stream().mapToInt(p -> p[2]).toArray(),
                leafQuads,
                grouped);
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
        record Leaf(double value, int[] columns, double[] zeros) {}

        final Tree tree;
        final int maxPathColumns;
        final List<Integer> order = new ArrayList<>();
        // per node in preorder: see TreeTables
        final List<Long> firstSplits = new ArrayList<>();
        final List<Long> leftTurns = new ArrayList<>();
        final List<int[]> repeatNodes = new ArrayList<>();
        final List<int[]> repeatColumnBits = new ArrayList<>();
        final int[] leafOf;
        // per node: the number of distinct columns on the path above it, its preorder index
        final int[] lengthAbove;
        final int[] orderOf;
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
            this.lengthAbove = new int[tree.nodeCount()];
            this.orderOf = new int[tree.nodeCount()];
            this.pathColumns = new int[maxPathColumns + 1];
            this.pathZero = new double[maxPathColumns + 1];
        }

        /**
         * The quad under an internal node after the walk, {@code {the node, LL, LR, RL, RR}} (the leaves' numbers), or
         * null unless both its children split into two leaves.
         */
        int[] quad(int node) {
            int left = tree.left()[node];
            int right = tree.right()[node];
            if (tree.isLeaf(left) || tree.isLeaf(right)) {
                return null;
            }
            int[] leafNodes = {tree.left()[left], tree.right()[left], tree.left()[right], tree.right()[right]};
            int[] quad = {node, 0, 0, 0, 0};
            for (int l = 0; l < 4; l++) {
                if (!tree.isLeaf(leafNodes[l])) {
                    return null;
                }
                quad[l + 1] = leafOf[leafNodes[l]];
            }
            return quad;
        }

        /**
         * Visits a node with {@code length} distinct columns and {@code repeats} later splits on the path above it;
         * false when a path or the tree is too large.
         */
        boolean visit(int node, int length, long firstSplitBits, long leftTurnBits, int repeats) {
            orderOf[node] = order.size();
            order.add(node);
            lengthAbove[node] = length;
            firstSplits.add(firstSplitBits);
            leftTurns.add(leftTurnBits);
            repeatNodes.add(Arrays.copyOf(repeatNode, repeats));
            repeatColumnBits.add(Arrays.copyOf(repeatColumnBit, repeats));
            if (tree.isLeaf(node)) {
                leafOf[node] = leaves.size();
                leaves.add(new Leaf(
                        tree.leafValue()[node], Arrays.copyOf(pathColumns, length), Arrays.copyOf(pathZero, length)));
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
            long childFirstSplits = first ? firstSplitBits | 1L << self : firstSplitBits;
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
            if (!visit(tree.left()[node], childLength, childFirstSplits, leftTurnBits | 1L << self, childRepeats)) {
                return false;
            }
            pathZero[at] = saved * tree.cover()[tree.right()[node]] / cover;
            if (!visit(tree.right()[node], childLength, childFirstSplits, leftTurnBits, childRepeats)) {
                return false;
            }
            pathZero[at] = saved;
            return true;
        }
    }
}
