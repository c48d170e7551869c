package io.creditscoring.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The local engine's neural network (ReLU, or the configured activation, hidden layers; one sigmoid output on log
 * loss; mini-batch RMSProp with Smile's update rule and weight decay; a seeded shuffle every epoch), trained
 * data-parallel on Spark with synchronous epochs: the training rows are hashed by application id into
 * {@code workers} partitions, each sorted by id; in every epoch (one Spark job) each partition runs mini-batch RMSProp
 * over its own rows, in a seeded shuffle, from the broadcast parameters and optimiser state, and the driver averages
 * what the partitions end with (weighted by their rows, summed in partition order). Each partition's rows and
 * shuffle depend only on the ids and the seed, and the sums are added in a fixed order, so a run is repeatable.
 *
 * <p>Why this and not full-batch gradients: the local network is fitted with mini-batch RMSProp for some tens of
 * epochs; a full-batch optimiser would need hundreds of passes (Spark jobs) to reach a comparable network and would
 * be another fit. Averaging per-partition mini-batch epochs keeps the local update rule and needs one Spark job (and
 * one scoring job of the held-out rows) per epoch; with {@code workers = 1} it is exactly a sequential mini-batch
 * fit.
 */
final class NeuralNetworkFit {

    private static final double RMSPROP_DECAY = 0.9;
    private static final double RMSPROP_EPSILON = 1e-7;

    private NeuralNetworkFit() {}

    /** One labelled row's model vector. */
    record Example(String id, double[] x, double y) implements Serializable {}

    /** The parameters and the optimiser's state (RMSProp's mean squares, momentum's velocity), all flat. */
    record State(double[] parameters, double[] meanSquare, double[] velocity) implements Serializable {

        static State initial(Network network, long seed) {
            int n = network.parameterCount();
            return new State(network.initialParameters(seed), new double[n], new double[n]);
        }
    }

    /**
     * A fold's early-stopped fit: the best epoch by held-out AUC, the epochs trained, and the held-out rows'
     * probabilities of the best epoch (ids in {@code heldOutIds}'s order).
     */
    record FoldResult(int bestEpoch, int epochsTrained, double bestAuc, List<String> heldOutIds, double[] heldOut) {}

    /** A network trained for a fixed number of epochs. */
    record Result(Network network, State state, Map<String, String> details) {}

    /** The rows' model vectors, hashed by id into {@code workers} partitions, each sorted by id, cached. */
    static JavaRDD<Example> examples(Dataset<Row> vectors, int workers) {
        return vectors.select(LabelledRowsReader.ID, LabelledRowsReader.LABEL, ModelVectors.FEATURES)
                .javaRDD()
                .mapToPair(r -> new Tuple2<>(
                        r.getString(0), new Example(r.getString(0), ((Vector) r.get(2)).toArray(), r.getDouble(1))))
                .partitionBy(new HashPartitioner(workers))
                .values()
                .mapPartitions(NeuralNetworkFit::sortedById, true)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static Iterator<Example> sortedById(Iterator<Example> rows) {
        List<Example> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        list.sort(Comparator.comparing(Example::id));
        return list.iterator();
    }

    /**
     * Trains on {@code train} and stops on the held-out rows' AUC as the local engine's fold does: at most
     * {@code maxEpochs}, ending once {@code patience} epochs passed without a better AUC.
     */
    static FoldResult fold(
            JavaRDD<Example> train, JavaRDD<Example> heldOut, int inputs, NeuralNetworkSettings s, long seed) {
        Network network = Network.of(inputs, s);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(train.context());
        List<String> ids = heldOut.map(Example::id).collect();
        List<Double> labelList = heldOut.map(Example::y).collect();
        double[] labels = new double[labelList.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelList.get(i);
        }
        State state = State.initial(network, seed);
        double[] best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < s.maxEpochs()) {
            epoch++;
            state = epoch(sc, train, network, state, s, seed, epoch);
            double[] p = probabilities(sc, heldOut, network, state);
            double auc = auc(labels, p);
            if (auc > bestAuc) {
                bestAuc = auc;
                bestEpoch = epoch;
                best = p;
            }
            if (epoch - bestEpoch >= s.patience()) {
                break;
            }
        }
        return new FoldResult(bestEpoch, epoch, bestAuc, ids, best);
    }

    /** Trains on all of {@code train} for {@code epochs} epochs (the refit: the folds' kept epochs). */
    static Result fit(JavaRDD<Example> train, int inputs, NeuralNetworkSettings s, long seed, int epochs) {
        Network network = Network.of(inputs, s);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(train.context());
        State state = State.initial(network, seed);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            state = epoch(sc, train, network, state, s, seed, epoch);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("epochs", Integer.toString(epochs));
        details.put("hiddenLayers", s.hiddenLayers().toString());
        details.put("activation", s.activation());
        details.put("learningRate", Double.toString(s.learningRate()));
        details.put("weightDecay", Double.toString(s.weightDecay()));
        details.put("batchSize", Integer.toString(s.batchSize()));
        details.put("workers", Integer.toString(s.workers()));
        details.put("training", "data-parallel epochs, parameters averaged after each");
        return new Result(network, state, details);
    }

    /** One synchronous epoch: every partition trains from {@code state}; the driver averages their ends. */
    static State epoch(
            JavaSparkContext sc,
            JavaRDD<Example> train,
            Network network,
            State state,
            NeuralNetworkSettings s,
            long seed,
            int epoch) {
        Broadcast<State> shared = sc.broadcast(state);
        List<double[]> ends = train.mapPartitionsWithIndex(
                        (partition, rows) -> {
                            List<Example> list = new ArrayList<>();
                            rows.forEachRemaining(list::add);
                            if (list.isEmpty()) {
                                return List.<double[]>of().iterator();
                            }
                            State mine = copy(shared.value());
                            train(network, mine, list, s, new Random(shuffleSeed(seed, epoch, partition)));
                            return List.of(packed(mine, list.size())).iterator();
                        },
                        true)
                .collect();
        shared.destroy();
        int n = network.parameterCount();
        double rows = 0;
        for (double[] end : ends) {
            rows += end[0];
        }
        double[] sum = new double[3 * n];
        for (double[] end : ends) { // in partition order: the same sums every run
            double share = end[0] / rows; // 1.0 for a single partition: its state exactly
            for (int i = 0; i < sum.length; i++) {
                sum[i] += share * end[1 + i];
            }
        }
        return new State(
                java.util.Arrays.copyOfRange(sum, 0, n),
                java.util.Arrays.copyOfRange(sum, n, 2 * n),
                java.util.Arrays.copyOfRange(sum, 2 * n, 3 * n));
    }

    /**
     * Mini-batch updates over {@code rows} in a seeded shuffle, Smile 3.1.1's MLP rule: the batch's mean gradient
     * {@code g}; {@code ms = 0.9 ms + 0.1 g^2}; the step {@code learningRate * g / sqrt(1e-7 + ms)} (with momentum:
     * added to the velocity, which is the step); then the weights times {@code 1 - 2 * learningRate * weightDecay}.
     */
    static void train(Network network, State state, List<Example> rows, NeuralNetworkSettings s, Random shuffle) {
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] p = state.parameters();
        double[] ms = state.meanSquare();
        double[] v = state.velocity();
        boolean[] weight = network.weightMask();
        double decay = 1 - 2 * s.learningRate() * s.weightDecay();
        double[] g = new double[p.length];
        for (int from = 0; from < order.length; from += s.batchSize()) {
            int to = Math.min(order.length, from + s.batchSize());
            java.util.Arrays.fill(g, 0.0);
            for (int i = from; i < to; i++) {
                Example e = rows.get(order[i]);
                network.addGradient(p, e.x(), e.y(), g);
            }
            int m = to - from;
            for (int k = 0; k < p.length; k++) {
                double gk = g[k] / m;
                ms[k] = RMSPROP_DECAY * ms[k] + (1 - RMSPROP_DECAY) * gk * gk;
                double step = s.learningRate() * gk / Math.sqrt(RMSPROP_EPSILON + ms[k]);
                if (s.momentum() > 0) {
                    v[k] = s.momentum() * v[k] - step;
                    p[k] += v[k];
                } else {
                    p[k] -= step;
                }
                if (weight[k]) {
                    p[k] *= decay;
                }
            }
        }
    }

    /** The probabilities of the rows of {@code rows}, in their (cached, fixed) order. */
    static double[] probabilities(JavaSparkContext sc, JavaRDD<Example> rows, Network network, State state) {
        Broadcast<double[]> parameters = sc.broadcast(state.parameters());
        List<Double> out =
                rows.map(e -> network.probability(parameters.value(), e.x())).collect();
        parameters.destroy();
        double[] p = new double[out.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = out.get(i);
        }
        return p;
    }

    /** The rows' probabilities as the job's other models give them: id, label, probability. */
    static Dataset<Row> scored(SparkSession spark, JavaRDD<Example> rows, Network network, State state) {
        Broadcast<double[]> parameters =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(state.parameters());
        JavaRDD<Row> scored =
                rows.map(e -> RowFactory.create(e.id(), e.y(), network.probability(parameters.value(), e.x())));
        StructType schema = new StructType()
                .add(LabelledRowsReader.ID, DataTypes.StringType, false)
                .add(LabelledRowsReader.LABEL, DataTypes.DoubleType, false)
                .add("probability", DataTypes.DoubleType, false);
        return spark.createDataFrame(scored, schema);
    }

    /** The held-out rows' probabilities of a fold as a data set of id and probability. */
    static Dataset<Row> heldOut(SparkSession spark, FoldResult fold) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < fold.heldOutIds().size(); i++) {
            rows.add(RowFactory.create(fold.heldOutIds().get(i), fold.heldOut()[i]));
        }
        StructType schema = new StructType()
                .add(LabelledRowsReader.ID, DataTypes.StringType, false)
                .add("probability", DataTypes.DoubleType, false);
        return spark.createDataFrame(rows, schema);
    }

    /** Area under the ROC curve by ranks (ties share their mean rank), as the service's metrics compute it. */
    static double auc(double[] labels, double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] > 0.5) {
                    positives++;
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        double negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    static long shuffleSeed(long seed, int epoch, int partition) {
        long h = seed;
        h = h * 0x9E3779B97F4A7C15L + epoch;
        h = h * 0x9E3779B97F4A7C15L + partition;
        return h;
    }

    private static State copy(State s) {
        return new State(
                s.parameters().clone(), s.meanSquare().clone(), s.velocity().clone());
    }

    /** {@code [rows, parameters..., meanSquare..., velocity...]}. */
    private static double[] packed(State s, int rows) {
        int n = s.parameters().length;
        double[] out = new double[1 + 3 * n];
        out[0] = rows;
        System.arraycopy(s.parameters(), 0, out, 1, n);
        System.arraycopy(s.meanSquare(), 0, out, 1 + n, n);
        System.arraycopy(s.velocity(), 0, out, 1 + 2 * n, n);
        return out;
    }
}
