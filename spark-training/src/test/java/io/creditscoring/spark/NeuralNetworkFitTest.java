package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark job's neural network: its back-propagated gradient against a numerical one, the same network from the
 * same seed, a data-parallel epoch on one worker equal to the sequential mini-batch epoch, and a network that learns a
 * non-linear boundary (held-out AUC) with the folds' early stopping, in a Spark session of this JVM.
 */
class NeuralNetworkFitTest {

    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.builder("NeuralNetworkFitTest", 2, 2).getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static NeuralNetworkSettings settings(String activation, int workers, double momentum) {
        return new NeuralNetworkSettings(List.of(8, 4), activation, 0.01, momentum, 0.0001, 16, 40, 6, workers);
    }

    @Test
    void backPropagationMatchesNumericalGradientOfTheLogLoss() {
        for (String activation : List.of("relu", "tanh", "sigmoid")) {
            Network network = new Network(new int[] {3, 5, 4, 1}, activation);
            double[] p = network.initialParameters(7);
            Random random = new Random(3);
            for (int k = 0; k < p.length; k++) {
                p[k] += 0.1 * random.nextGaussian(); // biases off zero, so that ReLU units are not at their kink
            }
            double[] x = {0.7, -1.2, 0.4};
            for (double y : new double[] {0.0, 1.0}) {
                double[] gradient = new double[p.length];
                double loss = network.addGradient(p, x, y, gradient);
                assertThat(loss).isCloseTo(Network.logLoss(network.margin(p, x), y), within(1e-12));
                double h = 1e-6;
                for (int k = 0; k < p.length; k++) {
                    double[] up = p.clone();
                    double[] down = p.clone();
                    up[k] += h;
                    down[k] -= h;
                    double numerical =
                            (Network.logLoss(network.margin(up, x), y) - Network.logLoss(network.margin(down, x), y))
                                    / (2 * h);
                    assertThat(gradient[k])
                            .as("%s, y=%s, parameter %d", activation, y, k)
                            .isCloseTo(numerical, within(1e-6));
                }
            }
        }
    }

    /** Two rings: the inner one defaults. No linear boundary separates them. */
    private static List<NeuralNetworkFit.Example> rings(int n, long seed, String prefix) {
        Random random = new Random(seed);
        List<NeuralNetworkFit.Example> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean inner = random.nextBoolean();
            double r = inner ? random.nextDouble() * 0.8 : 1.2 + random.nextDouble() * 0.8;
            double angle = random.nextDouble() * 2 * Math.PI;
            double[] x = {r * Math.cos(angle), r * Math.sin(angle), random.nextGaussian()};
            rows.add(new NeuralNetworkFit.Example(String.format("%s%05d", prefix, i), x, inner ? 1.0 : 0.0));
        }
        return rows;
    }

    private static JavaRDD<NeuralNetworkFit.Example> rdd(List<NeuralNetworkFit.Example> rows, int partitions) {
        return sc.parallelize(rows, partitions).cache();
    }

    @Test
    void learnsANonLinearBoundaryAndStopsEarlyOnTheHeldOutAuc() {
        NeuralNetworkSettings s = settings("relu", 2, 0.0);
        JavaRDD<NeuralNetworkFit.Example> train = rdd(rings(1200, 1, "t"), 2);
        JavaRDD<NeuralNetworkFit.Example> heldOut = rdd(rings(400, 2, "h"), 2);
        NeuralNetworkFit.FoldResult fold = NeuralNetworkFit.fold(train, heldOut, 3, s, 42);
        assertThat(fold.bestAuc()).isGreaterThan(0.95);
        assertThat(fold.bestEpoch()).isBetween(1, s.maxEpochs());
        assertThat(fold.epochsTrained())
                .isBetween(fold.bestEpoch(), Math.min(s.maxEpochs(), fold.bestEpoch() + s.patience()));
        assertThat(fold.heldOutIds()).hasSize(400);
        assertThat(NeuralNetworkFit.auc(labels(heldOut.collect()), fold.heldOut()))
                .isCloseTo(fold.bestAuc(), within(1e-12));

        // a linear model cannot do this: the refit network's test AUC is far above a logistic margin's 0.5 or so
        NeuralNetworkFit.Result refit = NeuralNetworkFit.fit(train, 3, s, 42, fold.bestEpoch());
        List<NeuralNetworkFit.Example> test = rings(400, 3, "x");
        assertThat(NeuralNetworkFit.auc(
                        labels(test), NeuralNetworkFit.probabilities(sc, rdd(test, 2), refit.network(), refit.state())))
                .isGreaterThan(0.95);
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndAnotherSeedAnother() {
        NeuralNetworkSettings s = settings("relu", 3, 0.5);
        List<NeuralNetworkFit.Example> rows = rings(300, 4, "r");
        double[] first = NeuralNetworkFit.fit(NeuralNetworkFit.examples(dataset(rows), 3), 3, s, 11, 3)
                .state()
                .parameters();
        // the same rows in another order and partitioning: the job hashes them by id and sorts each partition
        List<NeuralNetworkFit.Example> shuffled = new ArrayList<>(rows);
        java.util.Collections.shuffle(shuffled, new Random(9));
        double[] again = NeuralNetworkFit.fit(NeuralNetworkFit.examples(dataset(shuffled), 3), 3, s, 11, 3)
                .state()
                .parameters();
        double[] other = NeuralNetworkFit.fit(NeuralNetworkFit.examples(dataset(rows), 3), 3, s, 12, 3)
                .state()
                .parameters();
        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void oneWorkerIsTheSequentialMiniBatchFit() {
        NeuralNetworkSettings s = settings("tanh", 1, 0.0);
        List<NeuralNetworkFit.Example> rows = rings(300, 5, "s");
        Network network = Network.of(3, s);
        NeuralNetworkFit.State state = NeuralNetworkFit.State.initial(network, 21);
        double[] before = state.parameters().clone();
        NeuralNetworkFit.State spark = NeuralNetworkFit.epoch(sc, rdd(rows, 1), network, state, s, 21, 1);
        assertThat(state.parameters()).as("the driver's state is not changed").containsExactly(before);
        assertThat(spark.parameters()).isNotEqualTo(before);

        // the same epoch without Spark: the partition's shuffle is the one seeded for partition 0 of epoch 1
        NeuralNetworkFit.State sequential = NeuralNetworkFit.State.initial(network, 21);
        NeuralNetworkFit.train(network, sequential, rows, s, new Random(NeuralNetworkFit.shuffleSeed(21, 1, 0)));
        assertThat(spark.parameters()).containsExactly(sequential.parameters());
        assertThat(spark.meanSquare()).containsExactly(sequential.meanSquare());
    }

    private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> dataset(List<NeuralNetworkFit.Example> rows) {
        List<org.apache.spark.sql.Row> out = new ArrayList<>();
        for (NeuralNetworkFit.Example e : rows) {
            out.add(org.apache.spark.sql.RowFactory.create(
                    e.id(), e.y(), new org.apache.spark.ml.linalg.DenseVector(e.x())));
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add(LabelledRowsReader.ID, org.apache.spark.sql.types.DataTypes.StringType, false)
                .add(LabelledRowsReader.LABEL, org.apache.spark.sql.types.DataTypes.DoubleType, false)
                .add(ModelVectors.FEATURES, new org.apache.spark.ml.linalg.VectorUDT(), false);
        return spark.createDataFrame(out, schema).repartition(2);
    }

    private static double[] labels(List<NeuralNetworkFit.Example> rows) {
        double[] y = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).y();
        }
        return y;
    }
}
