package io.creditscoring.spark;

import java.io.Serializable;
import java.util.List;

/**
 * The neural network's settings, training-service's {@code training.neural-network.*} with its meaning and defaults.
 *
 * @param hiddenLayers units of each hidden layer, input side first
 * @param activation the hidden layers' activation: relu, tanh or sigmoid
 * @param learningRate RMSProp's step
 * @param momentum momentum of the updates (0: none)
 * @param weightDecay L2 decay: after each mini-batch the weights (not the biases) are multiplied by
 *     {@code 1 - 2 * learningRate * weightDecay}, as Smile's MLP does
 * @param batchSize rows per mini-batch
 * @param maxEpochs the most epochs a cross-validation fold trains
 * @param patience a fold stops after this many epochs without a better held-out AUC
 * @param workers the Spark tasks an epoch is spread over (the rows' partitions of the data-parallel training)
 */
public record NeuralNetworkSettings(
        List<Integer> hiddenLayers,
        String activation,
        double learningRate,
        double momentum,
        double weightDecay,
        int batchSize,
        int maxEpochs,
        int patience,
        int workers)
        implements Serializable {

    public NeuralNetworkSettings {
        hiddenLayers = List.copyOf(hiddenLayers);
        if (!List.of("relu", "tanh", "sigmoid").contains(activation)) {
            throw new IllegalArgumentException(
                    "neural network activation: relu, tanh or sigmoid, got '" + activation + "'");
        }
        if (workers < 1 || batchSize < 1 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("neural network workers, batch size, epochs and patience must be >= 1");
        }
    }
}
