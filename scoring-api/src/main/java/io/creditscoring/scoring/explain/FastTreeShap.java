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
 * {@code O(d 2^d)}. Per row, one pass over a tree's internal nodes sets a bit per node, the row's turn; each leaf
 * then gathers the bits of its path's nodes into the set {@code S} and costs a table read and a multiply-add per
 * distinct column of its path: {@code O(leaves x depth)} per tree, against {@code O(leaves x depth x quadrature
 * nodes)} with a recursive walk in {@link TreeShap}. The two to four leaves under a node whose children are leaves or
 * split into leaves share one table and one read per column of the path above the node ({@link LeafGroup}): a full
 * depth-6 tree costs 16 groups of about 7 reads instead of 64 leaves of 6. The tables are built by
 * {@link TreeTables}.
 *
 * <p>The tables are computed in double and kept in float32, the values summed in double. In a server the tables
 * of a depth-6 champion do not stay in the cache between two requests with reasons (Tomcat, the Kafka client and the
 * kernel run in between), so an explanation waits on memory: half the bytes served a fifth more mixed traffic. A
 * value then differs from the double walk's by about 1e-8, a hundredth of what separates it from XGBoost's own
 * float32 {@code predictContrib} (docs/benchmarks.md, "TreeSHAP tables in float32").
 *
 * <p>Memory is bounded: a tree with a path over more than {@code maxPathColumns} distinct columns, with more than
 * 64 internal nodes, with a cover that is not positive, or whose tables would pass {@code tableBudget} entries in
 * all, is explained by the existing {@link TreeShap} walk instead; so is every tree of a model vector of 32,767
 * columns or more (the path data keeps columns in shorts).
 */
final class FastTreeShap implements ReasonExplainer {

    /** Paths over at most 8 distinct columns: 256 entries per leaf (XGBoost's default depth is 6). */
    static final int MAX_PATH_COLUMNS = 8;
    /** At most 4 Mi entries (16 MiB) of tables per model; the trees after that use the walk. */
    static final int TABLE_BUDGET = 1 << 22;

    private final PipelineEvaluator evaluator;
    private final int width;
    private final int[] owners;
    private final List<String> features;
    private final double expectedMargin;

    // the precomputed trees, tree t owning internal nodes [treeInternal[t], treeInternal[t + 1]), single leaves
    // [treeSingle[t], treeSingle[t + 1]) and groups [treeGroup[t], treeGroup[t + 1]); a tree's internal nodes are
    // numbered in preorder from 0, their bit in a long
    private final int trees;
    private final int[] treeInternal;
    private final int[] treeSingle;
    private final int[] treeGroup;
    // internal nodes: the split (1 when a missing value goes left); columns fit a short (see the constructor)
    private final short[] nodeColumn;
    private final float[] nodeThreshold;
    private final byte[] nodeDefaultLeft;
    // anchors, a tree's leaves then the nodes of its groups: the bits of the internal nodes splitting first on each of
    // the path's columns, the bits of the nodes whose left branch the path takes, the first later split on a column
    // already on the path (one more entry closes the last anchor's)
    private final long[] anchorFirstSplits;
    private final long[] anchorLeftTurns;
    private final int[] anchorRepeatStart;
    // later splits on a path's column: the node's bit number and the column's mask bit, cleared when not followed
    private final int[] repeatNode;
    private final int[] repeatColumnBit;
    // single leaves (whose sibling is not a leaf): the leaf's anchor, its first table entry and first path entry
    private final int[] singleLeaf;
    private final int[] singleTableStart;
    private final int[] singlePathStart;
    // groups of leaves under one node (LeafGroup): the node's anchor and bit, its number of nodes, the places of its
    // shared columns and of its special columns above it, its first table entry, one state's entries and all states'
    // (a block), its first path entry (the shared columns in order, then the special columns)
    private final int[] groupAnchor;
    private final int[] groupBit;
    private final int[] groupNodes;
    private final int[] groupShared;
    private final int[] groupSpecialAbove;
    private final int[] groupTableStart;
    private final int[] groupStateSize;
    private final int[] groupBlock;
    private final int[] groupPathStart;
    // path entries, singles' then groups' (one more entry closes each list): the column, the feature owning it,
    // and the gain 1 / z - 1 by which a followed column multiplies its table entry; read once per entry and
    // explanation, so kept as narrow as the values allow
    private final short[] pathColumn;
    private final short[] pathFeature;
    private final float[] pathGain;
    private final float[] table;

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
            // path entries keep columns in shorts: a model vector wider than that has no tables
            if (tables != null && width < Short.MAX_VALUE && tableSize + tables.tableSize() <= tableBudget) {
                precomputed.add(tables);
                tableSize += tables.tableSize();
            } else {
                deep.add(tree);
            }
        }
        int internals = 0;
        int singles = 0;
        int groups = 0;
        int paths = 0;
        int repeats = 0;
        for (TreeTables t : precomputed) {
            internals += t.column().length - t.depth().length;
            groups += t.groups().size();
            for (int k = 0; k < t.column().length; k++) {
                int l = t.leaf()[k];
                if (l >= 0 && !t.grouped()[l]) {
                    repeats += t.repeatNode()[k].length;
                    paths += t.depth()[l];
                    singles++;
                }
            }
        }
        int singlePaths = paths;
        for (TreeTables t : precomputed) {
            for (LeafGroup group : t.groups()) {
                repeats += t.repeatNode()[group.node()].length;
                paths += Integer.bitCount(group.sharedPlaces()) + group.specialColumns().length;
            }
        }
        int anchors = singles + groups;
        this.trees = precomputed.size();
        this.treeInternal = new int[trees + 1];
        this.treeSingle = new int[trees + 1];
        this.treeGroup = new int[trees + 1];
        this.nodeColumn = new short[internals];
        this.nodeThreshold = new float[internals];
        this.nodeDefaultLeft = new byte[internals];
        this.anchorFirstSplits = new long[anchors];
        this.anchorLeftTurns = new long[anchors];
        this.anchorRepeatStart = new int[anchors + 1];
        this.repeatNode = new int[repeats];
        this.repeatColumnBit = new int[repeats];
        this.singleLeaf = new int[singles];
        this.singleTableStart = new int[singles];
        this.singlePathStart = new int[singles + 1];
        this.groupAnchor = new int[groups];
        this.groupBit = new int[groups];
        this.groupNodes = new int[groups];
        this.groupShared = new int[groups];
        this.groupSpecialAbove = new int[groups];
        this.groupTableStart = new int[groups];
        this.groupStateSize = new int[groups];
        this.groupBlock = new int[groups];
        this.groupPathStart = new int[groups + 1];
        this.pathColumn = new short[paths];
        this.pathFeature = new short[paths];
        this.pathGain = new float[paths];
        this.table = new float[(int) tableSize];
        int node = 0;
        int anchor = 0;
        int repeat = 0;
        int single = 0;
        int group = 0;
        int singlePath = 0;
        int groupPath = singlePaths;
        int entry = 0;
        for (int t = 0; t < precomputed.size(); t++) {
            TreeTables tree = precomputed.get(t);
            treeInternal[t] = node;
            treeSingle[t] = single;
            treeGroup[t] = group;
            int[] internalNumber = new int[tree.column().length];
            for (int k = 0; k < tree.column().length; k++) {
                int l = tree.leaf()[k];
                if (l < 0) {
                    internalNumber[k] = node - treeInternal[t];
                    nodeColumn[node] = (short) tree.column()[k];
                    nodeThreshold[node] = tree.threshold()[k];
                    nodeDefaultLeft[node] = (byte) (tree.defaultLeft()[k] ? 1 : 0);
                    node++;
                    continue;
                }
                if (!tree.grouped()[l]) {
                    repeat = setAnchor(anchor, tree, k, repeat);
                    singleLeaf[single] = anchor++;
                    singleTableStart[single] = entry;
                    singlePathStart[single] = singlePath;
                    for (int i = 0; i < tree.depth()[l]; i++) {
                        setPathEntry(singlePath++, tree.pathColumn()[l][i], tree.pathInverseZero()[l][i]);
                    }
                    copy(tree.table()[l], table, entry);
                    entry += tree.table()[l].length;
                    single++;
                }
            }
            for (LeafGroup leafGroup : tree.groups()) {
                int k = leafGroup.node();
                repeat = setAnchor(anchor, tree, k, repeat);
                groupAnchor[group] = anchor++;
                groupBit[group] = internalNumber[k];
                groupNodes[group] = leafGroup.nodes();
                groupShared[group] = leafGroup.sharedPlaces();
                groupSpecialAbove[group] = leafGroup.specialPlaces();
                groupTableStart[group] = entry;
                groupStateSize[group] = leafGroup.stateSize();
                groupBlock[group] = leafGroup.states() * leafGroup.stateSize();
                groupPathStart[group] = groupPath;
                // the shared columns, as on the path of the group's first leaf (the path above the node begins it)
                int first = k + 1;
                while (tree.leaf()[first] < 0) {
                    first++;
                }
                int firstLeaf = tree.leaf()[first];
                for (int i = 0; i < tree.depth()[firstLeaf]; i++) {
                    if ((leafGroup.sharedPlaces() >>> i & 1) == 1) {
                        setPathEntry(
                                groupPath++, tree.pathColumn()[firstLeaf][i], tree.pathInverseZero()[firstLeaf][i]);
                    }
                }
                for (int column : leafGroup.specialColumns()) {
                    setPathEntry(groupPath++, column, 1); // their gains are in the table
                }
                copy(leafGroup.table(), table, entry);
                entry += leafGroup.table().length;
                group++;
            }
        }
        treeInternal[trees] = node;
        treeSingle[trees] = single;
        treeGroup[trees] = group;
        anchorRepeatStart[anchors] = repeat;
        singlePathStart[singles] = singlePath;
        groupPathStart[groups] = groupPath;
        this.fallbackTrees = deep.size();
        this.fallback = deep.isEmpty() ? null : new TreeShap(preprocessing, evaluator, new TreeEnsembleModel(deep, 0));
    }

    /** A table computed in double, kept in float32. */
    private static void copy(double[] from, float[] to, int at) {
        for (int i = 0; i < from.length; i++) {
            to[at + i] = (float) from[i];
        }
    }

    /** Sets an anchor to the path of the tree's node {@code k}, its later splits from {@code repeat}; the next. */
    private int setAnchor(int anchor, TreeTables tree, int k, int repeat) {
        anchorFirstSplits[anchor] = tree.firstSplits()[k];
        anchorLeftTurns[anchor] = tree.leftTurns()[k];
        anchorRepeatStart[anchor] = repeat;
        for (int r = 0; r < tree.repeatNode()[k].length; r++) {
            repeatNode[repeat + r] = tree.repeatNode()[k][r];
            repeatColumnBit[repeat + r] = tree.repeatColumnBit()[k][r];
        }
        return repeat + tree.repeatNode()[k].length;
    }

    private void setPathEntry(int path, int column, double inverseZero) {
        pathColumn[path] = (short) column;
        pathFeature[path] = (short) owners[column];
        pathGain[path] = (float) (inverseZero - 1);
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
     * Adds the precomputed trees' values to {@code out}, at {@code slot[path entry]}. Nothing here branches on the
     * row's values, which no branch predictor guesses: the row's turns at a tree's nodes are bits of one long, each
     * single leaf and each group's node picks the bits of its path's first splits ({@link Long#compress}, one
     * instruction) and clears the columns of later splits not followed, and each path entry reads its table entry by
     * arithmetic on the mask.
     */
    private void accumulate(double[] x, short[] slot, double[] out) {
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
            for (int s = treeSingle[t]; s < treeSingle[t + 1]; s++) {
                int followed = followed(singleLeaf[s], left);
                addLeaf(followed, singleTableStart[s], singlePathStart[s], singlePathStart[s + 1], slot, out);
            }
            for (int g = treeGroup[t]; g < treeGroup[t + 1]; g++) {
                // the shared columns the row follows above the group's node; the state: the row's turns at the
                // group's nodes, then whether it followed each special column above the node
                int above = followed(groupAnchor[g], left);
                int shared = Integer.compress(above, groupShared[g]);
                int turns = (int) (left >>> groupBit[g]) & ((1 << groupNodes[g]) - 1);
                int state = turns | Integer.compress(above, groupSpecialAbove[g]) << groupNodes[g];
                int at = groupTableStart[g] + state * groupStateSize[g];
                int start = groupPathStart[g];
                int specials = start + Integer.bitCount(groupShared[g]);
                addLeaf(shared, at, start, specials, slot, out);
                at += shared;
                for (int e = specials; e < groupPathStart[g + 1]; e++) {
                    at += groupBlock[g];
                    out[slot[e]] += table[at];
                }
            }
        }
    }

    /** The mask of the anchor's path columns whose every split the row follows. */
    private int followed(int anchor, long left) {
        long turns = ~(left ^ anchorLeftTurns[anchor]);
        int followed = (int) Long.compress(turns, anchorFirstSplits[anchor]);
        for (int r = anchorRepeatStart[anchor]; r < anchorRepeatStart[anchor + 1]; r++) {
            followed &= ~(repeatColumnBit[r] & ((int) (turns >>> repeatNode[r] & 1) - 1));
        }
        return followed;
    }

    /**
     * One leaf's values over path entries [start, end), the i-th owning bit {@code 1 << i} of {@code followed}: a
     * followed column reads {@code N(S minus i)} and multiplies it by its gain {@code 1 / z - 1}, another reads
     * {@code N(S)} and multiplies it by -1. The gain is stored rather than {@code 1 / z}, whose float32 rounding
     * would be amplified by the subtraction when {@code z} is near 1.
     */
    private void addLeaf(int followed, int tableAt, int start, int end, short[] slot, double[] out) {
        for (int p = start, i = 0; p < end; p++, i++) {
            int follows = (followed >>> i) & 1;
            out[slot[p]] += (follows * (pathGain[p] + 1.0) - 1.0) * table[tableAt + (followed & ~(1 << i))];
        }
    }
}
