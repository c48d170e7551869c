package io.creditscoring.training.trainer;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.Activation;
import io.creditscoring.pipeline.DenseLayer;
import io.creditscoring.pipeline.NeuralNetworkModel;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.run.stop.StopSignal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
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
 * unit trained on log loss with mini-batch RMSProp, weight decay, a seeded shuffle every epoch, and early stopping
 * on the validation split's AUC that keeps the best epoch's network. Everything random (initial weights, shuffles)
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
    public FittedModel fit(PreparedData data) {
        PreparedData.Matrices m = data.scaled();
        TrainingProperties.NeuralNetwork s = data.settings().neuralNetwork();
        long seed = data.settings().seed();
        int p = m.preprocessing().width();
        MathEx.setSeed(seed);
        MLP mlp = new MLP(layers(p, s));
        mlp.setLearningRate(TimeFunction.constant(s.learningRate()));
        if (s.momentum() > 0) {
            mlp.setMomentum(TimeFunction.constant(s.momentum()));
        }
        mlp.setRMSProp(0.9, 1e-7);
        mlp.setWeightDecay(s.weightDecay());

        double[][] x = m.train();
        int[] y = data.yTrain();
        Random shuffle = new Random(seed);
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long started = System.nanoTime();
        byte[] best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < s.maxEpochs()) {
            StopSignal.checkpoint("before neural network epoch " + (epoch + 1));
            epoch++;
            permute(order, shuffle);
            for (int from = 0; from < order.length; from += s.batchSize()) {
                int to = Math.min(order.length, from + s.batchSize());
                double[][] bx = new double[to - from][];
                int[] by = new int[to - from];
                for (int i = from; i < to; i++) {
                    bx[i - from] = x[order[i]];
                    by[i - from] = y[order[i]];
                }
                mlp.update(bx, by);
            }
            double auc = Metrics.auc(data.yValidation(), probabilities(mlp, m.validation()));
            boolean improved = auc > bestAuc;
            if (improved) {
                bestAuc = auc;
                bestEpoch = epoch;
                best = serialize(mlp);
            }
            log.info(
                    "Neural network epoch {}/{}: validation AUC {}{}",
                    epoch,
                    s.maxEpochs(),
                    String.format("%.4f", auc),
                    improved ? " (best)" : "");
            if (epoch - bestEpoch >= s.patience()) {
                break;
            }
        }
        MLP chosen = deserialize(best);
        log.info(
                "Neural network stopped after {} epochs; kept epoch {} (validation AUC {}) in {} ms",
                epoch,
                bestEpoch,
                String.format("%.4f", bestAuc),
                (System.nanoTime() - started) / 1_000_000);
        NeuralNetworkModel model = SmileMlpReader.read(chosen, activation(s.activation()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("epochsTrained", Integer.toString(epoch));
        details.put("bestEpoch", Integer.toString(bestEpoch));
        details.put("validationAucAtBest", Double.toString(bestAuc));
        return new FittedModel(
                algorithm(),
                m.preprocessing(),
                model,
                probabilities(chosen, m.validation()),
                probabilities(chosen, m.test()),
                importance(m.preprocessing(), model),
                "mean |first-layer weight| of the column",
                details);
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

    private static byte[] serialize(MLP mlp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(mlp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot the neural network", e);
        }
        return bytes.toByteArray();
    }

    private static MLP deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (MLP) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot restore the neural network snapshot", e);
        }
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
