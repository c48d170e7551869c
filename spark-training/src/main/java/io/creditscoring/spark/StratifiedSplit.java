package io.creditscoring.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The local engine's stratified split (training-service's {@code DatasetSplitter.stratified}) and cross-validation
 * folds ({@code StratifiedFolds}), rule for rule. Split: the row indices of each class are shuffled with one
 * {@link Random} seeded by the run's seed, defaulters first, and each class gives its rounded test share, the rest
 * training. Folds: the training rows' defaulters and then non-defaulters, each shuffled by one {@link Random} seeded
 * by the run's seed, are dealt to the folds in turn, the non-defaulters continuing where the defaulters stopped. The
 * rows must come in the local engine's order (by application id, as PostgreSQL orders them): the same rows, seed and
 * order give the same split and folds on both engines.
 *
 * <p>It runs on the driver over the ids and labels only (a few bytes per row); the features stay distributed.
 */
public final class StratifiedSplit {

    public static final int TRAIN = 0;
    public static final int TEST = 1;

    private StratifiedSplit() {}

    /** The part (train or test) of each row, by row index. */
    public static byte[] assign(boolean[] defaulted, long seed, double testShare) {
        List<Integer> bad = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < defaulted.length; i++) {
            (defaulted[i] ? bad : good).add(i);
        }
        Random random = new Random(seed);
        Collections.shuffle(bad, random);
        Collections.shuffle(good, random);
        byte[] part = new byte[defaulted.length];
        for (List<Integer> cls : List.of(bad, good)) {
            int nTest = (int) Math.round(cls.size() * testShare);
            for (int k = 0; k < cls.size(); k++) {
                part[cls.get(k)] = (byte) (k < nTest ? TEST : TRAIN);
            }
        }
        return part;
    }

    /**
     * The cross-validation fold of each training row (from 0 to {@code folds - 1}), -1 for a test row, by row index.
     */
    public static int[] folds(boolean[] defaulted, byte[] parts, int folds, long seed) {
        List<Integer> bad = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < defaulted.length; i++) {
            if (parts[i] == TRAIN) {
                (defaulted[i] ? bad : good).add(i);
            }
        }
        if (bad.size() < folds || good.size() < folds) {
            throw new IllegalArgumentException("cannot make " + folds + " stratified folds of " + bad.size()
                    + " defaults and " + good.size() + " non-defaults: every fold needs both outcomes");
        }
        Random random = new Random(seed);
        Collections.shuffle(bad, random);
        Collections.shuffle(good, random);
        int[] fold = new int[defaulted.length];
        java.util.Arrays.fill(fold, -1);
        int next = 0;
        for (List<Integer> cls : List.of(bad, good)) {
            for (int row : cls) {
                fold[row] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }
}
