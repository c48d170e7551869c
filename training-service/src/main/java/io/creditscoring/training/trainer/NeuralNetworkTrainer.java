package io.creditscoring.training.trainer;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.Activation;
import io.creditscoring.pipeline.DenseLayer;
import io.creditscoring.pipeline.NeuralNetworkModel;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.run.stop.StopSignal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import smile.base.mlp.Layer;
import smile.base.mlp.LayerBuilder;
import smile.base.mlp.OutputFunction;
import smile.classification.MLP;
import smile.math.MathEx;
import smile.math.TimeFunction;

/**
 * A feed-forward network (Smile's MLP) on the scaled preprocessing: configurable hidden layers, one sigmoid output
 * unit trained on log loss with mini-batch RMSProp, weight decay and a seeded shuffle every epoch. In a
 * cross-validation fold it stops early on the held-out rows' AUC ({@code patience} epochs) and reports the best epoch;
 * the final network is trained on all training rows for the epochs the folds kept. Everything random (initial weights, shuffles)
 * comes from the run's seed, and mini-batch updates run on one thread, so a run is repeatable.
 */
@Component
class NeuralNetworkTrainer implements ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(NeuralNetworkTrainer.class);

    @Override
    public Algorithm algorithm() {
        return Algorithm.NEURAL_NETWORK;
    }

    @Override
    public FoldFit fitFold(PreparedData fold) {
        PreparedData.Matrices m = fold.scaled();
        TrainingProperties.NeuralNetwork s = fold.settings().neuralNetwork();
        Training training = new Training(fold);
        double[] best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < s.maxEpochs()) {
            StopSignal.checkpoint("before neural network epoch " + (epoch + 1));
            epoch++;
            training.epoch();
            double[] heldOut = probabilities(training.mlp, m.heldOut());
            double auc = Metrics.auc(fold.yHeldOut(), heldOut);
            if (auc > bestAuc) {
                bestAuc = auc;
                bestEpoch = epoch;
                best = heldOut;
            }
            if (epoch - bestEpoch >= s.patience()) {
                break;
            }
        }
        log.debug(
                "Neural network fold: stopped after {} epochs; best epoch {} (held-out AUC {})",
                epoch,
                bestEpoch,
                String.format("%.4f", bestAuc));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("epochsTrained", Integer.toString(epoch));
        details.put("bestEpoch", Integer.toString(bestEpoch));
        return new FoldFit(best, bestEpoch, details);
    }

    @Override
    public FittedModel fit(PreparedData data, int epochs) {
        PreparedData.Matrices m = data.scaled();
        TrainingProperties.NeuralNetwork s = data.settings().neuralNetwork();
        int planned = Math.max(1, epochs);
        Training training = new Training(data);
        long started = System.nanoTime();
        for (int epoch = 1; epoch <= planned; epoch++) {
            StopSignal.checkpoint("before neural network epoch " + epoch);
            training.epoch();
        }
        log.info(
                "Neural network fitted on {} rows in {} epochs (the folds' early stopping) in {} ms",
                m.train().length,
                planned,
                (System.nanoTime() - started) / 1_000_000);
        NeuralNetworkModel model = SmileMlpReader.read(training.mlp, activation(s.activation()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("epochs", Integer.toString(planned));
        return new FittedModel(
                algorithm(),
                m.preprocessing(),
                model,
                probabilities(training.mlp, m.test()),
                importance(m.preprocessing(), model),
                "mean |first-layer weight| of the column",
                details);
    }

    /**
     * A network being trained on the data's training rows: seeded weights (Smile's random numbers are per thread,
     * so folds fitted on parallel threads stay repeatable) and a seeded shuffle before every epoch.
     */
    private static final class Training {

        private final MLP mlp;
        private final double[][] x;
        private final int[] y;
        private final int batchSize;
        private final Random shuffle;
        private final int[] order;

        Training(PreparedData data) {
            PreparedData.Matrices m = data.scaled();
            TrainingProperties.NeuralNetwork s = data.settings().neuralNetwork();
            long seed = data.settings().seed();
            MathEx.setSeed(seed);
            this.mlp = new MLP(layers(m.preprocessing().width(), s));
            mlp.setLearningRate(TimeFunction.constant(s.learningRate()));
            if (s.momentum() > 0) {
                mlp.setMomentum(TimeFunction.constant(s.momentum()));
            }
            mlp.setRMSProp(0.9, 1e-7);
            mlp.setWeightDecay(s.weightDecay());
            this.x = m.train();
            this.y = data.yTrain();
            this.batchSize = s.batchSize();
            this.shuffle = new Random(seed);
            this.order = new int[x.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
        }

        void epoch() {
            permute(order, shuffle);
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                double[][] bx = new double[to - from][];
                int[] by = new int[to - from];
                for (int i = from; i < to; i++) {
                    bx[i - from] = x[order[i]];
                    by[i - from] = y[order[i]];
                }
                mlp.update(bx, by);
            }
        }
    }

    private static LayerBuilder[] layers(int inputs, TrainingProperties.NeuralNetwork s) {
        List<LayerBuilder> layers = new ArrayList<>();
        layers.add(Layer.input(inputs));
        for (int units : s.hiddenLayers()) {
            layers.add(
                    switch (s.activation()) {
                        case "tanh" -> Layer.tanh(units);
                        case "sigmoid" -> Layer.sigmoid(units);
                        default -> Layer.rectifier(units);
                    });
        }
        layers.add(Layer.mle(1, OutputFunction.SIGMOID));
        return layers.toArray(LayerBuilder[]::new);
    }

    static Activation activation(String name) {
        return switch (name) {
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> Activation.RELU;
        };
    }

    private static void permute(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    static double[] probabilities(MLP mlp, double[][] x) {
        double[] out = new double[x.length];
        double[] posterior = new double[2];
        for (int i = 0; i < x.length; i++) {
            mlp.predict(x[i], posterior);
            out[i] = posterior[1];
        }
        return out;
    }

    private static Map<String, Double> importance(Preprocessing p, NeuralNetworkModel model) {
        DenseLayer first = model.layers().getFirst();
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> columns = p.columnNames();
        for (int j = 0; j < columns.size(); j++) {
            double sum = 0;
            for (double[] row : first.weights()) {
                sum += Math.abs(row[j]);
            }
            out.put(columns.get(j), sum / first.outputs());
        }
        return out;
    }
}
