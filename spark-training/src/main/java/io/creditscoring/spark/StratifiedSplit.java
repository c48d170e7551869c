package io.creditscoring.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The local engine's stratified split (training-service's {@code DatasetSplitter.stratified}), rule for rule: the
 * row indices of each class are shuffled with one {@link Random} seeded by the run's seed, defaulters first, and
 * each class gives its rounded test share, then its validation share, the rest training. The rows must come in the
 * local engine's order (by application id, as PostgreSQL orders them): the same rows, seed and order give the same
 * split on both engines.
 *
 * <p>It runs on the driver over the ids and labels only (a few bytes per row); the features stay distributed.
 */
public final class StratifiedSplit {

    public static final int TRAIN = 0;
    public static final int VALIDATION = 1;
    public static final int TEST = 2;

    private StratifiedSplit() {}

    /** The part (train, validation or test) of each row, by row index. */
    public static byte[] assign(boolean[] defaulted, long seed, double validationShare, double testShare) {
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
            int nValidation = (int) Math.round(cls.size() * validationShare);
            for (int k = 0; k < cls.size(); k++) {
                part[cls.get(k)] = (byte) (k < nTest ? TEST : k < nTest + nValidation ? VALIDATION : TRAIN);
            }
        }
        return part;
    }
}
