package io.creditscoring.drift.benchmark;

import io.creditscoring.drift.stats.ColumnDriftDetector;
import io.creditscoring.drift.stats.CurrentSample;
import io.creditscoring.drift.stats.DriftEvaluator;
import io.creditscoring.drift.stats.ReferenceColumn;
import io.creditscoring.drift.stats.ReferenceProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Main-class benchmark (not a test): evaluates 100,000 current rows against a prepared reference of 100,000 rows
 * with 30 features (20 continuous numeric, 5 numeric with four values, 5 categorical), plus the score PSI. The
 * reference is sorted and binned once, outside the timed loop, as the service caches it. Command and results:
 * docs/benchmarks.md, section "Drift monitor".
 */
public final class DriftEvaluationBenchmark {

    private static final int ROWS = 100_000;
    private static final int CONTINUOUS = 20;
    private static final int FEW_VALUES = 5;
    private static final int CATEGORICAL = 5;

    private DriftEvaluationBenchmark() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Random random = new Random(42);

        long prepareStart = System.nanoTime();
        List<ReferenceColumn> columns = new ArrayList<>();
        Map<String, double[]> numeric = new HashMap<>();
        Map<String, String[]> categorical = new HashMap<>();
        for (int f = 0; f < CONTINUOUS; f++) {
            String name = "num" + f;
            columns.add(ReferenceColumn.numeric(name, continuous(random, 0)));
            numeric.put(name, continuous(random, f % 4 == 0 ? 0.2 : 0));
        }
        for (int f = 0; f < FEW_VALUES; f++) {
            String name = "level" + f;
            columns.add(ReferenceColumn.numeric(name, levels(random, 4)));
            numeric.put(name, levels(random, 4));
        }
        for (int f = 0; f < CATEGORICAL; f++) {
            String name = "cat" + f;
            columns.add(ReferenceColumn.categorical(name, labels(random, 8)));
            categorical.put(name, labels(random, 8));
        }
        ReferenceProfile reference = ReferenceProfile.of(ROWS, columns, probabilities(random, 0));
        double prepareMillis = (System.nanoTime() - prepareStart) / 1e6;
        CurrentSample current = new CurrentSample(ROWS, numeric, categorical, probabilities(random, 0.3));

        double checksum = 0;
        for (int i = 0; i < warmup; i++) {
            checksum +=
                    DriftEvaluator.evaluate(reference, current, 0.5).dataset().driftShare();
        }
        double[] millis = new double[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            DriftEvaluator.Assessment assessment = DriftEvaluator.evaluate(reference, current, 0.5);
            millis[i] = (System.nanoTime() - start) / 1e6;
            checksum += assessment.dataset().driftShare() + assessment.score().psi();
        }
        Arrays.sort(millis);
        DriftEvaluator.Assessment last = DriftEvaluator.evaluate(reference, current, 0.5);
        System.out.printf(
                Locale.ROOT,
                "reference %,d rows x %d features, current %,d rows; processors available: %d%n"
                        + "prepare reference once (incl. generating it): %.0f ms%n"
                        + "evaluate window: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (%d warm-up)%n"
                        + "drifted %d of %d features, score PSI %.4f (checksum %.3f, Evidently rule switch at n_ref %d)%n",
                ROWS,
                columns.size(),
                ROWS,
                Runtime.getRuntime().availableProcessors(),
                prepareMillis,
                millis[measured / 2],
                millis[0],
                millis[measured - 1],
                measured,
                warmup,
                last.dataset().driftedFeatures(),
                last.dataset().features().size(),
                last.score().psi(),
                checksum,
                ColumnDriftDetector.SMALL_REFERENCE);
    }

    private static double[] continuous(Random random, double shift) {
        double[] values = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            values[i] = Math.exp(10 + random.nextGaussian() + shift);
        }
        return values;
    }

    private static double[] levels(Random random, int levels) {
        double[] values = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            values[i] = random.nextInt(levels);
        }
        return values;
    }

    private static String[] labels(Random random, int labels) {
        String[] values = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            values[i] = "c" + random.nextInt(labels);
        }
        return values;
    }

    private static double[] probabilities(Random random, double shift) {
        double[] values = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            values[i] = 1 / (1 + Math.exp(-(-1.3 + shift + random.nextGaussian())));
        }
        return values;
    }
}
