package io.creditscoring.training.trainer;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.Monotonicity;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.xgboost.XgboostJsonModelReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * XGBoost ({@code binary:logistic}, hist) on the tree preprocessing, with a bounded number of threads and monotone
 * constraints from the schema's monotone directions (risk increasing: +1, decreasing: -1). In a cross-validation
 * fold it stops early on the held-out rows' {@code earlyStoppingMetric} and reports the best round; the final booster
 * is trained on all training rows for the rounds the folds kept.
 */
@Component
class XgboostTrainer implements ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(XgboostTrainer.class);
    private static final int PROGRESS_EVERY = 50;

    @Override
    public Algorithm algorithm() {
        return Algorithm.XGBOOST;
    }

    @Override
    public FoldFit fitFold(PreparedData fold) {
        try {
            return earlyStopped(fold);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    @Override
    public FittedModel fit(PreparedData data, int rounds) {
        try {
            return fixedRounds(data, Math.max(1, rounds));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /** Boosts until the held-out metric has not improved for {@code earlyStoppingRounds}; scores at the best round. */
    private FoldFit earlyStopped(PreparedData fold) throws XGBoostError {
        PreparedData.Matrices m = fold.trees();
        TrainingProperties.Xgboost s = fold.settings().xgboost();
        int columns = m.preprocessing().width();
        Map<String, Object> params = params(fold, s);
        DMatrix train = dmatrix(m.train(), fold.yTrain(), columns);
        DMatrix heldOut = dmatrix(m.heldOut(), fold.yHeldOut(), columns);
        Booster booster = null;
        try {
            booster = XGBoost.train(train, params, 0, Map.of(), null, null);
            String metricName = s.earlyStoppingMetric();
            // AUC grows, log loss falls: compare on a score that always grows
            double sign = metricName.equals("auc") ? 1 : -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            int best = 0;
            int round = 0;
            for (; round < s.maxRounds(); round++) {
                StopSignal.checkpoint("before XGBoost round " + (round + 1));
                booster.update(train, round);
                double value = metric(booster.evalSet(new DMatrix[] {heldOut}, new String[] {"heldOut"}, round));
                if (sign * value > bestScore) {
                    bestScore = sign * value;
                    best = round;
                }
                if ((round + 1) % PROGRESS_EVERY == 0) {
                    log.info(
                            "XGBoost round {}: held-out {} {} (best {} at round {})",
                            round + 1,
                            metricName,
                            String.format("%.4f", value),
                            String.format("%.4f", sign * bestScore),
                            best + 1);
                }
                if (round - best >= s.earlyStoppingRounds()) {
                    round++;
                    break;
                }
            }
            int rounds = best + 1;
            // the trees of the first rounds do not depend on the rounds after them: score with those only
            float[][] predictions = booster.predict(heldOut, false, rounds);
            double[] probabilities = new double[predictions.length];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = predictions[i][0];
            }
            log.debug(
                    "XGBoost fold: stopped after {} rounds; best round {} (held-out {} {})",
                    round,
                    rounds,
                    metricName,
                    String.format("%.4f", sign * bestScore));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("roundsTrained", Integer.toString(round));
            details.put("bestRound", Integer.toString(rounds));
            details.put("earlyStoppingMetric", metricName);
            details.put("heldOutMetricAtBest", Double.toString(sign * bestScore));
            return new FoldFit(probabilities, rounds, details);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            train.dispose();
            heldOut.dispose();
        }
    }

    private FittedModel fixedRounds(PreparedData data, int rounds) throws XGBoostError {
        PreparedData.Matrices m = data.trees();
        TrainingProperties.Xgboost s = data.settings().xgboost();
        int columns = m.preprocessing().width();
        Map<String, Object> params = params(data, s);
        DMatrix train = dmatrix(m.train(), data.yTrain(), columns);
        Booster booster = null;
        try {
            long started = System.nanoTime();
            // round by round, as XGBoost.train does, so that a stop is honoured between rounds
            booster = XGBoost.train(train, params, 0, Map.of(), null, null);
            for (int round = 0; round < rounds; round++) {
                StopSignal.checkpoint("before XGBoost round " + (round + 1));
                booster.update(train, round);
                if ((round + 1) % PROGRESS_EVERY == 0) {
                    log.info("XGBoost round {} of {}", round + 1, rounds);
                }
            }
            log.info(
                    "XGBoost fitted on {} rows in {} rounds (the folds' early stopping) in {} ms",
                    m.train().length,
                    rounds,
                    (System.nanoTime() - started) / 1_000_000);
            XgboostJsonModelReader.Result read = XgboostJsonModelReader.read(booster.toByteArray("json"), columns);
            if (read.model().trees().size() != rounds) {
                throw new IllegalStateException(
                        "XGBoost saved " + read.model().trees().size() + " trees for " + rounds + " rounds");
            }
            double[] testProbabilities = probabilities(booster, m.test(), data.yTest(), columns);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("rounds", Integer.toString(rounds));
            details.put("monotoneConstraints", String.valueOf(params.getOrDefault("monotone_constraints", "")));
            return new FittedModel(
                    algorithm(),
                    m.preprocessing(),
                    read.model(),
                    testProbabilities,
                    importance(m.preprocessing(), read.totalGain()),
                    "total gain of the column's splits",
                    details);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            train.dispose();
        }
    }

    private static Map<String, Object> params(PreparedData data, TrainingProperties.Xgboost s) {
        Map<String, Object> p = new HashMap<>();
        p.put("objective", "binary:logistic");
        p.put("eval_metric", s.earlyStoppingMetric());
        p.put("tree_method", "hist");
        p.put("eta", s.eta());
        p.put("max_depth", s.maxDepth());
        p.put("min_child_weight", s.minChildWeight());
        p.put("subsample", s.subsample());
        p.put("colsample_bytree", s.colsampleBytree());
        p.put("lambda", s.lambda());
        p.put("nthread", s.threads());
        p.put("seed", data.settings().seed());
        p.put("verbosity", 0);
        if (s.monotoneConstraints()) {
            String constraints = monotoneConstraints(data);
            if (constraints.contains("1")) {
                p.put("monotone_constraints", constraints);
            }
        }
        return p;
    }

    /** One entry per model-vector column: +1 where risk increases with a numeric feature, -1 where it decreases. */
    static String monotoneConstraints(PreparedData data) {
        Preprocessing p = data.trees().preprocessing();
        List<String> entries = new ArrayList<>();
        for (InputTransform input : p.inputs()) {
            int direction = 0;
            if (input instanceof NumericInput) {
                Monotonicity mono = data.schema()
                        .feature(input.feature())
                        .map(FeatureSpec::monotone)
                        .orElse(null);
                direction = mono == Monotonicity.INCREASING ? 1 : mono == Monotonicity.DECREASING ? -1 : 0;
            }
            for (int i = 0; i < input.width(); i++) {
                entries.add(Integer.toString(direction));
            }
        }
        return "(" + String.join(",", entries) + ")";
    }

    private static DMatrix dmatrix(double[][] x, int[] y, int columns) throws XGBoostError {
        float[] flat = new float[x.length * columns];
        float[] labels = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < columns; j++) {
                flat[i * columns + j] = (float) x[i][j];
            }
            labels[i] = y[i];
        }
        DMatrix d = new DMatrix(flat, x.length, columns, Float.NaN);
        d.setLabel(labels);
        return d;
    }

    private static double metric(String evaluation) {
        int colon = evaluation.lastIndexOf(':');
        return Double.parseDouble(evaluation.substring(colon + 1).trim());
    }

    private static double[] probabilities(Booster booster, double[][] x, int[] y, int columns) throws XGBoostError {
        if (x.length == 0) {
            return new double[0];
        }
        DMatrix d = dmatrix(x, y, columns);
        try {
            float[][] predictions = booster.predict(d);
            double[] out = new double[predictions.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = predictions[i][0];
            }
            return out;
        } finally {
            d.dispose();
        }
    }

    private static Map<String, Double> importance(Preprocessing p, double[] gain) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> columns = p.columnNames();
        for (int j = 0; j < columns.size(); j++) {
            out.put(columns.get(j), gain[j]);
        }
        return out;
    }
}
