package io.creditscoring.training.spark;

import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.selection.AlgorithmTraining;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.StratifiedFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.FittedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one algorithm's Spark output into what the local engine's search and refit hand on, so that calibration,
 * evaluation, export, parity gate, registry and report take the same path for both engines. The Spark engine runs no
 * search: its one trial is the run's own settings (trial 1 of the local search). The job's split and out-of-fold rows
 * are checked, id for id, against the service's own split: an engine that split otherwise fails the run.
 */
public final class SparkOutcomes {

    static final String NO_SEARCH = "off on the Spark engine: trial 1 (the run's own settings) only";

    private SparkOutcomes() {}

    public static AlgorithmTraining.Outcome outcome(
            SparkJobOutputs.Model m,
            List<LabelledRow> train,
            List<LabelledRow> test,
            int[] yTest,
            RunSettings settings,
            double seconds) {
        requireSameRows("training", ids(train), m.trainingIds());
        requireSameRows("test", ids(test), m.testIds());
        int[] labels = train.stream().mapToInt(r -> r.defaulted() ? 1 : 0).toArray();
        int k = settings.crossValidation().folds();
        if (m.foldIterations().length != k) {
            throw new SparkJobFailedException(
                    "the Spark job made " + m.foldIterations().length + " folds, the run asked for " + k);
        }
        int[] foldOf = StratifiedFolds.assign(labels, k, settings.seed());
        double[] foldAucs = new double[k];
        for (int f = 0; f < k; f++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < foldOf.length; i++) {
                if (foldOf[i] == f) {
                    rows.add(i);
                }
            }
            int[] y = rows.stream().mapToInt(i -> labels[i]).toArray();
            double[] p = rows.stream().mapToDouble(i -> m.outOfFold()[i]).toArray();
            foldAucs[f] = Metrics.auc(y, p);
        }
        CrossValidationScore score = CrossValidationScore.of(foldAucs, m.foldIterations(), m.outOfFold());
        HyperparameterSearch.Trial trial = new HyperparameterSearch.Trial(1, Map.of(), settings, score, seconds);
        HyperparameterSearch.Result search =
                new HyperparameterSearch.Result(m.algorithm(), List.of(trial), trial, null);
        Map<String, String> details = new LinkedHashMap<>(m.details());
        details.put("cv.search", NO_SEARCH);
        FittedModel fitted = new FittedModel(
                m.algorithm(),
                m.pipeline().preprocessing(),
                m.pipeline().model(),
                m.testProbabilities(),
                Map.of(),
                "not computed by the Spark engine",
                Map.copyOf(details));
        return AlgorithmTraining.evaluate(search, fitted, labels, yTest, settings, seconds * 1000, 0);
    }

    private static List<String> ids(List<LabelledRow> rows) {
        return rows.stream().map(LabelledRow::applicationId).toList();
    }

    private static void requireSameRows(String part, List<String> service, List<String> job) {
        if (!service.equals(job)) {
            int first = 0;
            while (first < Math.min(service.size(), job.size())
                    && service.get(first).equals(job.get(first))) {
                first++;
            }
            throw new SparkJobFailedException("the Spark job's " + part + " rows differ from the service's split ("
                    + job.size() + " against " + service.size() + " rows, first difference at row " + (first + 1)
                    + "): the same rows and seed must give the same split");
        }
    }
}
