package io.creditscoring.training.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Assigns rows to k folds, stratified by outcome with a seeded shuffle: the defaults are shuffled and dealt to the
 * folds in turn, then the non-defaults, continuing where the defaults stopped, so that every fold has (within one
 * row) the same number of defaults and of rows. The same labels and seed always give the same folds.
 */
public final class StratifiedFolds {

    private StratifiedFolds() {}

    /**
     * @param labels the rows' outcomes (1 = defaulted)
     * @param folds how many folds
     * @param seed the shuffle's seed
     * @return each row's fold, from 0 to {@code folds - 1}
     */
    public static int[] assign(int[] labels, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        List<Integer> defaults = new ArrayList<>();
        List<Integer> nonDefaults = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            (labels[i] == 1 ? defaults : nonDefaults).add(i);
        }
        if (defaults.size() < folds || nonDefaults.size() < folds) {
            throw new IllegalArgumentException("cannot make " + folds + " stratified folds of " + defaults.size()
                    + " defaults and " + nonDefaults.size() + " non-defaults: every fold needs both outcomes");
        }
        Random random = new Random(seed);
        Collections.shuffle(defaults, random);
        Collections.shuffle(nonDefaults, random);
        int[] fold = new int[labels.length];
        int next = 0;
        for (List<Integer> rows : List.of(defaults, nonDefaults)) {
            for (int row : rows) {
                fold[row] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }
}
