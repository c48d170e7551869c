package io.creditscoring.training.selection;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.FoldFit;
import io.creditscoring.training.trainer.ModelTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fits one algorithm with one set of settings on every fold and scores each fold on the rows it held out. Folds are
 * fitted in parallel where the processors allow ({@code crossValidation.parallelism}; an XGBoost fit already uses
 * {@code xgboost.threads} of them); each fold's result depends only on its data and the seed, never on the order
 * the folds finish in.
 */
public final class CrossValidator {

    private CrossValidator() {}

    public static CrossValidationScore score(ModelTrainer trainer, CrossValidationFolds folds, RunSettings settings) {
        List<FoldFit> fits = fitAll(trainer, folds, settings);
        double[] outOfFold = new double[folds.rows()];
        double[] foldAucs = new double[folds.size()];
        int[] foldIterations = new int[folds.size()];
        for (CrossValidationFolds.Fold fold : folds.folds()) {
            FoldFit fit = fits.get(fold.index());
            int[] rows = fold.heldOutRows();
            for (int i = 0; i < rows.length; i++) {
                outOfFold[rows[i]] = fit.heldOutProbabilities()[i];
            }
            foldAucs[fold.index()] = Metrics.auc(fold.data().yHeldOut(), fit.heldOutProbabilities());
            foldIterations[fold.index()] = fit.iterations();
        }
        return CrossValidationScore.of(foldAucs, foldIterations, outOfFold);
    }

    /** Folds fitted at the same time for this algorithm: processors over the threads one fit uses, at most k. */
    static int parallelism(Algorithm algorithm, RunSettings settings, int folds) {
        int processors = settings.crossValidation().parallelism() > 0
                ? settings.crossValidation().parallelism()
                : Runtime.getRuntime().availableProcessors();
        int threadsPerFit = algorithm == Algorithm.XGBOOST ? settings.xgboost().threads() : 1;
        return Math.max(1, Math.min(folds, processors / threadsPerFit));
    }

    private static List<FoldFit> fitAll(ModelTrainer trainer, CrossValidationFolds folds, RunSettings settings) {
        List<Callable<FoldFit>> tasks = new ArrayList<>();
        for (CrossValidationFolds.Fold fold : folds.folds()) {
            tasks.add(() -> {
                StopSignal.checkpoint("before " + trainer.algorithm() + " fold " + (fold.index() + 1));
                return trainer.fitFold(fold.data().withSettings(settings));
            });
        }
        int parallelism = parallelism(trainer.algorithm(), settings, folds.size());
        if (parallelism == 1) {
            List<FoldFit> fits = new ArrayList<>();
            for (Callable<FoldFit> task : tasks) {
                fits.add(call(task));
            }
            return fits;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(
                parallelism,
                Thread.ofPlatform()
                        .daemon()
                        .name("cv-" + trainer.algorithm().name().toLowerCase(java.util.Locale.ROOT) + "-", 1)
                        .factory())) {
            List<Future<FoldFit>> futures = new ArrayList<>();
            for (Callable<FoldFit> task : tasks) {
                futures.add(pool.submit(StopSignal.carriedTo(task)));
            }
            List<FoldFit> fits = new ArrayList<>();
            try {
                for (Future<FoldFit> future : futures) {
                    fits.add(future.get());
                }
            } catch (ExecutionException e) {
                pool.shutdownNow();
                throw unchecked(e.getCause());
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while cross-validating " + trainer.algorithm(), e);
            }
            return fits;
        }
    }

    private static FoldFit call(Callable<FoldFit> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t.getMessage(), t);
    }
}
