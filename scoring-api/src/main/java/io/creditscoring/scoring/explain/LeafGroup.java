package io.creditscoring.scoring.explain;

import java.util.Arrays;

/**
 * Two, three or four leaves explained together: a node {@code R} whose children are each a leaf or a node splitting
 * into two leaves, whatever the columns (each split may repeat a column of the path above {@code R}, or another of
 * the group's).
 *
 * <p>The path above {@code R} has {@code u} distinct columns. Those that none of the group's nodes splits on, the
 * shared columns, have the same place, zero fraction and followed state {@code W} on every leaf's path. So a shared
 * column {@code i} receives what a single leaf would (see {@link FastTreeShap}) with the table {@code M_state(W) = sum
 * over the leaves of N_leaf(S_leaf)}: {@code g_i M(W minus i)} when followed, {@code -M(W)} otherwise. The state is
 * what decides each leaf's followed set {@code S_leaf} besides {@code W}: the row's turns at the group's nodes (bit
 * {@code j} for its {@code j}-th node in preorder, set for left) and whether it followed, above {@code R}, each of the
 * group's columns that is a column there (the next bits, in the order of their places). The group's columns, the
 * special ones, receive the sums of the leaves' values for them, {@code X_state(W)}, one read each.
 *
 * <p>Reads: one per shared column and one per special column for all the leaves, against one per column of each
 * leaf's path alone. Table: {@code (1 + specials) x 2^nodes x 2^u} entries.
 *
 * @param node {@code R}'s preorder index
 * @param nodes the group's internal nodes: {@code R}, then its children that are not leaves
 * @param sharedPlaces the places of the shared columns on the path above {@code R}, as a mask
 * @param specialPlaces the places of the special columns that are on the path above {@code R}, as a mask
 * @param specialColumns the special columns, distinct
 * @param stateSize {@code 2^(shared columns)}: the entries of one state's table
 * @param table {@code M}, then {@code X} for each special column, each over the states in turn, each state's entries
 *     indexed by the subset of shared columns followed
 */
record LeafGroup(
        int node, int nodes, int sharedPlaces, int specialPlaces, int[] specialColumns, int stateSize, double[] table) {

    int states() {
        return 1 << (nodes + Integer.bitCount(specialPlaces));
    }

    /**
     * A leaf of the group and its way down from {@code R}: at the group's node {@code steps[2i]}, left when
     * {@code steps[2i + 1]} is 1.
     */
    record Member(int leaf, int... steps) {}

    /**
     * The group under node {@code R}.
     *
     * @param node {@code R}'s preorder index
     * @param above the number of distinct columns on the path above {@code R}
     * @param columns the columns of the group's nodes, {@code R}'s first, in preorder
     * @param members the group's leaves, in preorder
     * @param paths per leaf, its path's distinct columns, their {@code 1 / z} and {@code N} (see {@link TreeTables})
     */
    static LeafGroup of(int node, int above, int[] columns, Member[] members, TreeTables.LeafPaths paths) {
        int[] pathAbove = Arrays.copyOf(paths.columns()[members[0].leaf()], above);
        int[] specials = Arrays.stream(columns).distinct().toArray();
        int specialPlaces = 0;
        for (int special : specials) {
            int place = indexOf(pathAbove, special);
            specialPlaces |= place >= 0 ? 1 << place : 0;
        }
        int sharedPlaces = ((1 << above) - 1) & ~specialPlaces;
        int size = 1 << Integer.bitCount(sharedPlaces);
        int states = 1 << (columns.length + Integer.bitCount(specialPlaces));
        int block = states * size;
        double[] table = new double[(1 + specials.length) * block];
        int[] place = new int[specials.length];
        for (int state = 0; state < states; state++) {
            int followedAbove = Integer.expand(state >>> columns.length, specialPlaces);
            for (Member member : members) {
                int[] path = paths.columns()[member.leaf()];
                double[] n = paths.tables()[member.leaf()];
                int onPath = specialsFollowed(state, member, columns, specials, path, above, followedAbove, place);
                for (int w = 0; w < size; w++) {
                    int followed = Integer.expand(w, sharedPlaces) | onPath;
                    table[state * size + w] += n[followed];
                    for (int j = 0; j < specials.length; j++) {
                        if (place[j] < 0) {
                            continue;
                        }
                        int bit = 1 << place[j];
                        double gain = paths.inverseZeros()[member.leaf()][place[j]] - 1;
                        table[(1 + j) * block + state * size + w] +=
                                (followed & bit) != 0 ? gain * n[followed & ~bit] : -n[followed];
                    }
                }
            }
        }
        return new LeafGroup(node, columns.length, sharedPlaces, specialPlaces, specials, size, table);
    }

    /**
     * The special columns a member follows in {@code state}, as a mask over its path; sets {@code place[j]} to special
     * column j's place on the member's path, -1 when its path does not have it.
     */
    private static int specialsFollowed(
            int state,
            Member member,
            int[] columns,
            int[] specials,
            int[] path,
            int above,
            int followedAbove,
            int[] place) {
        int mask = 0;
        for (int j = 0; j < specials.length; j++) {
            int column = specials[j];
            int at = indexOf(path, column);
            place[j] = at;
            if (at < 0) {
                continue;
            }
            boolean follows = at >= above || (followedAbove & (1 << at)) != 0;
            int[] steps = member.steps();
            for (int s = 0; s < steps.length; s += 2) {
                if (columns[steps[s]] == column) {
                    follows &= (state >>> steps[s] & 1) == steps[s + 1];
                }
            }
            mask |= follows ? 1 << at : 0;
        }
        return mask;
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
