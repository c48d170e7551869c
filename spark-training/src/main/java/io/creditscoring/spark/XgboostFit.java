package io.creditscoring.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostTrainingSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * XGBoost with xgboost4j-spark, with the local engine's parameters and procedure: {@code binary:logistic},
 * {@code hist}, the seed, monotone constraints from the schema. In a cross-validation fold it boosts with early
 * stopping on the held-out rows' metric and scores them with the trees of the best round; the refit on all training
 * rows boosts exactly the folds' mean best round count. The trees are fitted by {@code workers} Spark tasks that
 * build each histogram together.
 */
public final class XgboostFit {

    private XgboostFit() {}

    /** The model node, the fitted Spark model and facts about the fit. */
    public record Result(
            com.fasterxml.jackson.databind.node.ObjectNode model,
            XGBoostClassificationModel sparkModel,
            Map<String, String> details) {}

    /**
     * One fold's fit.
     *
     * @param rounds the best round count (early stopping)
     * @param heldOut the held-out rows' probabilities of default at that round: {@code application_id, probability}
     */
    public record FoldResult(int rounds, Dataset<Row> heldOut) {}

    /** Boosts on {@code train} until the held-out metric has not improved for the patience; scores at the best round. */
    public static FoldResult fold(
            Dataset<Row> train,
            Dataset<Row> heldOut,
            List<FittedInput> inputs,
            TrainingSchema schema,
            XgboostSettings settings,
            long seed) {
        int[] constraints = monotoneConstraints(inputs, schema, settings);
        XGBoostClassifier search = classifier(settings, seed, constraints, settings.maxRounds());
        search.setNumEarlyStoppingRounds(settings.earlyStoppingRounds());
        search.setEvalDataset(heldOut);
        XGBoostClassificationModel searched = search.fit(train);
        float[] history = validationHistory(searched);
        // the history has a slot for every round asked for; only the rounds boosted before the stop are filled
        int boosted = (int) Math.min(history.length, searched.nativeBooster().getNumBoostedRound());
        // AUC grows, log loss falls: compare on a score that always grows; the first best round wins a tie
        double sign = settings.earlyStoppingMetric().equals("auc") ? 1 : -1;
        int best = 0;
        for (int round = 1; round < boosted; round++) {
            if (sign * history[round] > sign * history[best]) {
                best = round;
            }
        }
        int rounds = best + 1;
        byte[] booster;
        try {
            booster = searched.nativeBooster().toByteArray("json");
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot save the XGBoost fold model: " + e.getMessage(), e);
        }
        return new FoldResult(rounds, TreeLimitedPrediction.probabilities(heldOut, booster, rounds));
    }

    /** Boosts exactly {@code rounds} rounds on all training rows. */
    public static Result refit(
            Dataset<Row> train,
            List<FittedInput> inputs,
            TrainingSchema schema,
            XgboostSettings settings,
            long seed,
            int rounds) {
        int columns = inputs.stream().mapToInt(FittedInput::width).sum();
        int[] constraints = monotoneConstraints(inputs, schema, settings);
        XGBoostClassificationModel model =
                classifier(settings, seed, constraints, rounds).fit(train);
        XgboostJsonTrees.Result trees;
        try {
            trees = XgboostJsonTrees.read(model.nativeBooster().toByteArray("json"), columns);
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot save the XGBoost model as JSON: " + e.getMessage(), e);
        }
        if (trees.trees() != rounds) {
            throw new IllegalStateException("XGBoost saved " + trees.trees() + " trees for " + rounds + " rounds");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rounds", Integer.toString(rounds));
        // the settings of the trial refitted, by the local engine's names: what a search chose is read off the model
        details.put("eta", Double.toString(settings.eta()));
        details.put("maxDepth", Integer.toString(settings.maxDepth()));
        details.put("minChildWeight", Double.toString(settings.minChildWeight()));
        details.put("subsample", Double.toString(settings.subsample()));
        details.put("colsampleBytree", Double.toString(settings.colsampleBytree()));
        details.put("lambda", Double.toString(settings.lambda()));
        details.put("workers", Integer.toString(settings.workers()));
        StringBuilder c = new StringBuilder("(");
        for (int i = 0; i < constraints.length; i++) {
            c.append(i == 0 ? "" : ",").append(constraints[i]);
        }
        details.put("monotoneConstraints", c.append(')').toString());
        return new Result(trees.model(), model, details);
    }

    private static XGBoostClassifier classifier(XgboostSettings s, long seed, int[] constraints, int rounds) {
        XGBoostClassifier x = new XGBoostClassifier();
        x.setFeaturesCol(ModelVectors.FEATURES);
        x.setLabelCol(LabelledRowsReader.LABEL);
        x.setObjective("binary:logistic");
        x.setEvalMetric(s.earlyStoppingMetric());
        x.setTreeMethod("hist");
        x.setEta(s.eta());
        x.setMaxDepth(s.maxDepth());
        x.setMinChildWeight(s.minChildWeight());
        x.setSubsample(s.subsample());
        x.setColsampleBytree(s.colsampleBytree());
        x.setLambda(s.lambda());
        x.setSeed(seed);
        x.setNumRound(rounds);
        x.setNumWorkers(s.workers());
        x.setNthread(1);
        x.setMissing(Float.NaN);
        x.setVerbosity(0);
        if (s.trackerHost() != null) {
            // The tracker runs in the driver; its own guess of an address may not be reachable (a second interface).
            x.setRabitTrackerHostIp(s.trackerHost());
        }
        boolean constrained = false;
        for (int c : constraints) {
            constrained |= c != 0;
        }
        if (constrained) {
            setMonotoneConstraints(x, constraints);
        }
        return x;
    }

    /**
     * xgboost4j-spark 3.4.0 declares {@code monotoneConstraints} as an int-array param but hands the value to the
     * native library with {@code toString()} ({@code [I@7b6f506a}, refused by XGBoost), and has no setter. The
     * value is therefore set as the text XGBoost parses, {@code (1,0,-1)}, through the raw param: Scala's
     * protected {@code set} is public in bytecode, and the param's default validator accepts any value.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setMonotoneConstraints(XGBoostClassifier x, int[] constraints) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < constraints.length; i++) {
            text.append(i == 0 ? "" : ",").append(constraints[i]);
        }
        org.apache.spark.ml.param.Param raw = x.monotoneConstraints();
        x.set(raw, text.append(')').toString());
    }

    /** One entry per model-vector column: +1 where risk increases with a numeric feature, -1 where it decreases. */
    static int[] monotoneConstraints(List<FittedInput> inputs, TrainingSchema schema, XgboostSettings settings) {
        int[] out = new int[inputs.stream().mapToInt(FittedInput::width).sum()];
        if (!settings.monotoneConstraints()) {
            return out;
        }
        int j = 0;
        for (FittedInput input : inputs) {
            int direction = input instanceof FittedInput.Numeric
                    ? schema.feature(input.feature()).monotone()
                    : 0;
            for (int k = 0; k < input.width(); k++) {
                out[j++] = direction;
            }
        }
        return out;
    }

    private static float[] validationHistory(XGBoostClassificationModel model) {
        if (model.summary().isEmpty()) {
            throw new IllegalStateException("xgboost4j-spark reported no training summary");
        }
        XGBoostTrainingSummary summary = model.summary().get();
        scala.collection.Iterator<Tuple2<String, float[]>> it =
                summary.validationObjectiveHistory().iterator();
        if (!it.hasNext()) {
            throw new IllegalStateException("xgboost4j-spark reported no validation history");
        }
        return it.next()._2();
    }
}
