package io.creditscoring.scoring.explain;

import java.util.Arrays;

/**
 * Four leaves explained together: a node {@code R} splitting on column {@code a} whose children {@code A} (left) and
 * {@code B} (right) split on {@code b} and {@code c} into leaves {@code LL, LR, RL, RR}, whatever the columns (each may
 * repeat a column of the path above {@code R}, or each other).
 *
 * <p>The path above {@code R} has {@code u} distinct columns. Those that are not {@code a}, {@code b} or {@code c}, the
 * shared columns, have the same place, zero fraction and followed state {@code W} on all four paths. So a shared
 * column {@code i} receives what a single leaf would (see {@link FastTreeShap}) with the table {@code M_state(W) = sum
 * over the leaves of N_leaf(S_leaf)}: {@code g_i M(W minus i)} when followed, {@code -M(W)} otherwise. The state is what
 * decides each leaf's followed set {@code S_leaf} besides {@code W}: the row's turns at {@code R}, {@code A} and
 * {@code B} (bits 0, 1, 2, set for left) and whether it followed, above {@code R}, each of {@code a, b, c} that is a
 * column there (the bits above, in the order of their places). The special columns {@code a, b, c} (distinct, in that
 * order) receive the sums of the leaves' values for them, {@code X_state(W)}, one read each.
 *
 * <p>Reads: one per shared column and one per special column for the four leaves, against {@code 2 (u + 2)} for two
 * pairs of leaves. Table: {@code (1 + specials) x 8 x 2^u} entries.
 *
 * @param node the node {@code R}'s preorder index
 * @param sharedPlaces the places of the shared columns on the path above {@code R}, as a mask
 * @param specialPlaces the places of the special columns that are on the path above {@code R}, as a mask
 * @param specialColumns the special columns, distinct
 * @param stateSize {@code 2^(shared columns)}: the entries of one state's table
 * @param table {@code M}, then {@code X} for each special column, each over the states in turn, each state's entries
 *     indexed by the subset of shared columns followed
 */
record LeafQuad(int node, int sharedPlaces, int specialPlaces, int[] specialColumns, int stateSize, double[] table) {

    /** States of the turns at the three nodes; times 2 for each special column on the path above. */
    static final int TURN_STATES = 8;

    int states() {
        return TURN_STATES << Integer.bitCount(specialPlaces);
    }

    /**
     * The quad under node {@code R}.
     *
     * @param node {@code R}'s preorder index
     * @param above the number of distinct columns on the path above {@code R}
     * @param columns {@code a, b, c}
     * @param leaves {@code LL, LR, RL, RR}'s leaf numbers
     * @param paths per leaf, its path's distinct columns, their {@code 1 / z} and {@code N} (see {@link TreeTables})
     */
    static LeafQuad of(int node, int above, int[] columns, int[] leaves, TreeTables.LeafPaths paths) {
        int[] pathAbove = Arrays.copyOf(paths.columns()[leaves[0]], above);
        int[] specials = Arrays.stream(columns).distinct().toArray();
        int specialPlaces = 0;
        for (int special : specials) {
            int place = indexOf(pathAbove, special, 0);
            specialPlaces |= place >= 0 ? 1 << place : 0;
        }
        int sharedPlaces = ((1 << above) - 1) & ~specialPlaces;
        int size = 1 << Integer.bitCount(sharedPlaces);
        int states = TURN_STATES << Integer.bitCount(specialPlaces);
        int block = states * size;
        double[] table = new double[(1 + specials.length) * block];
        int[] place = new int[specials.length];
        for (int state = 0; state < states; state++) {
            int followedAbove = Integer.expand(state >>> 3, specialPlaces);
            for (int l = 0; l < 4; l++) {
                int leaf = leaves[l];
                int[] path = paths.columns()[leaf];
                double[] n = paths.tables()[leaf];
                int onPath = quadFollowed(state, l, columns, specials, path, above, followedAbove, place);
                for (int w = 0; w < size; w++) {
                    int followed = Integer.expand(w, sharedPlaces) | onPath;
                    table[state * size + w] += n[followed];
                    for (int j = 0; j < specials.length; j++) {
                        if (place[j] < 0) {
                            continue;
                        }
                        int bit = 1 << place[j];
                        double gain = paths.inverseZeros()[leaf][place[j]] - 1;
                        table[(1 + j) * block + state * size + w] +=
                                (followed & bit) != 0 ? gain * n[followed & ~bit] : -n[followed];
                    }
                }
            }
        }
        return new LeafQuad(node, sharedPlaces, specialPlaces, specials, size, table);
    }

    /**
     * The special columns leaf {@code l} follows in {@code state}, as a mask over its path; sets {@code place[j]} to
     * special column j's place on the leaf's path, -1 when the path does not have it.
     */
    private static int quadFollowed(
            int state, int l, int[] columns, int[] specials, int[] path, int above, int followedAbove, int[] place) {
        // the leaf's nodes in the quad: R (column a, left for LL and LR), then A (b) or B (c), left for LL or RL
        boolean leftAtR = l < 2;
        int child = leftAtR ? 1 : 2;
        boolean leftAtChild = l % 2 == 0;
        boolean turnR = (state & 1) == 1;
        boolean turnChild = (state >>> child & 1) == 1;
        int mask = 0;
        for (int j = 0; j < specials.length; j++) {
            int s = specials[j];
            int at = indexOf(path, s, 0);
            place[j] = at;
            if (at < 0) {
                continue;
            }
            boolean follows = at >= above || (followedAbove & (1 << at)) != 0;
            if (columns[0] == s) {
                follows &= turnR == leftAtR;
            }
            if (columns[child] == s) {
                follows &= turnChild == leftAtChild;
            }
            mask |= follows ? 1 << at : 0;
        }
        return mask;
    }

    private static int indexOf(int[] values, int value, int from) {
        for (int i = from; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
