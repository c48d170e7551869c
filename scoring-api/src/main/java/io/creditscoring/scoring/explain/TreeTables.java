package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.Tree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One tree in preorder with the tables {@link FastTreeShap} reads: the internal nodes' splits ({@code leaf[k]} is -1)
 * and, per leaf ({@code leaf[k]} its number), its path's distinct columns in order of first split, their
 * {@code 1 / z} and {@code N} indexed by the subset of followed columns. Per node, its path's nodes as bits of a long
 * over the internal nodes in preorder: those splitting first on a column, those whose left branch the path takes, and
 * the later splits on a column already on the path with that column's mask bit.
 *
 * <p>The leaves under a node whose children are each a leaf or split into two leaves are explained together, two to
 * four of them ({@code groups}, see {@link LeafGroup}; the highest such node). {@code grouped} marks their leaves;
 * the others are explained alone.
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
        List<LeafGroup> groups,
        boolean[] grouped) {

    /** The row's turns at a tree's internal nodes are one long: depth 6 at most when the tree is full. */
    static final int MAX_INTERNAL_NODES = Long.SIZE;

    /** Per leaf: its path's distinct columns in order of first split, their {@code 1 / z}, its table {@code N}. */
    record LeafPaths(int[][] columns, double[][] inverseZeros, double[][] tables) {}

    /** Entries of table: {@code 2^d} per single leaf, see {@link LeafGroup} per group. */
    long tableSize() {
        long size = 0;
        for (int l = 0; l < depth.length; l++) {
            size += grouped[l] ? 0 : 1L << depth[l];
        }
        for (LeafGroup group : groups) {
            size += group.table().length;
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
        List<Integer> groupRoots = new ArrayList<>();
        boolean[] inGroup = new boolean[tree.nodeCount()];
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
            // a group under the highest node whose children are each a leaf or split into two leaves
            int left = tree.left()[original];
            int right = tree.right()[original];
            if (!inGroup[original] && walk.leafOrPair(left) && walk.leafOrPair(right)) {
                groupRoots.add(original);
                inGroup[left] = true;
                inGroup[right] = true;
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
        LeafPaths paths = new LeafPaths(
                walk.leaves.stream().map(Preorder.Leaf::columns).toArray(int[][]::new), inverseZeros, table);
        boolean[] grouped = new boolean[leaves];
        List<LeafGroup> groups = new ArrayList<>();
        for (int root : groupRoots) {
            LeafGroup.Member[] members = walk.members(root);
            for (LeafGroup.Member member : members) {
                grouped[member.leaf()] = true;
            }
            groups.add(
                    LeafGroup.of(walk.orderOf[root], walk.lengthAbove[root], walk.groupColumns(root), members, paths));
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
                paths.columns(),
                inverseZeros,
                table,
                groups,
                grouped);
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

        /** A leaf, or a node splitting into two leaves. */
        boolean leafOrPair(int node) {
            return tree.isLeaf(node) || (tree.isLeaf(tree.left()[node]) && tree.isLeaf(tree.right()[node]));
        }

        /** The columns of a group's nodes: its root's, then those of its children that are not leaves. */
        int[] groupColumns(int root) {
            return IntStream.of(root, tree.left()[root], tree.right()[root])
                    .filter(node -> !tree.isLeaf(node))
                    .map(node -> tree.featureIndex()[node])
                    .toArray();
        }

        /** A group's leaves in preorder, each with its way down from the root (see {@link LeafGroup.Member}). */
        LeafGroup.Member[] members(int root) {
            List<LeafGroup.Member> members = new ArrayList<>();
            int next = 1;
            for (int child : new int[] {tree.left()[root], tree.right()[root]}) {
                int left = child == tree.left()[root] ? 1 : 0;
                if (tree.isLeaf(child)) {
                    members.add(new LeafGroup.Member(leafOf[child], 0, left));
                } else {
                    int at = next++;
                    members.add(new LeafGroup.Member(leafOf[tree.left()[child]], 0, left, at, 1));
                    members.add(new LeafGroup.Member(leafOf[tree.right()[child]], 0, left, at, 0));
                }
            }
            return members.toArray(LeafGroup.Member[]::new);
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
