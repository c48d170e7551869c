package io.creditscoring.pipeline;

import java.util.List;

/**
 * A feed-forward network of dense layers. The last layer has a single output with {@link Activation#LINEAR}
 * activation: that output is the margin.
 *
 * @param layers the layers, input side first
 */
public record NeuralNetworkModel(List<DenseLayer> layers) implements ModelSpec {

    public NeuralNetworkModel {
        layers = List.copyOf(layers);
    }
}
