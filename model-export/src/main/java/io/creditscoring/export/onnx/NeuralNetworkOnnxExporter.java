package io.creditscoring.export.onnx;

import static io.creditscoring.export.onnx.PreprocessingOnnxWriter.finiteFloat;

import io.creditscoring.pipeline.Activation;
import io.creditscoring.pipeline.DenseLayer;
import io.creditscoring.pipeline.NeuralNetworkModel;
import java.util.List;

/**
 * A dense network as one {@code MatMul}, {@code Add} and activation ({@code Relu}, {@code Tanh}, {@code Sigmoid},
 * or none for linear) per layer. A layer's {@code weights[out][in]} are written transposed, as {@code [in, out]},
 * so that {@code MatMul(h, W)} maps {@code [N, in]} to {@code [N, out]}.
 */
final class NeuralNetworkOnnxExporter implements ModelStageWriter {

    private final NeuralNetworkModel model;

    NeuralNetworkOnnxExporter(NeuralNetworkModel model) {
        this.model = model;
    }

    @Override
    public String writeMargin(OnnxGraphBuilder graph, String vector, int width) {
        List<DenseLayer> layers = model.layers();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the neural network has no layers");
        }
        DenseLayer last = layers.getLast();
        if (last.outputs() != 1 || last.activation() != Activation.LINEAR) {
            throw new IllegalArgumentException("the last layer must have one LINEAR output (the margin), got "
                    + last.outputs() + " outputs with " + last.activation());
        }
        String h = vector;
        int in = width;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            int out = layer.outputs();
            if (layer.bias().length != out) {
                throw new IllegalArgumentException(
                        "layer " + l + " has " + out + " outputs but " + layer.bias().length + " biases");
            }
            float[] transposed = new float[in * out];
            for (int i = 0; i < out; i++) {
                if (layer.weights()[i].length != in) {
                    throw new IllegalArgumentException("layer " + l + " row " + i + " has " + layer.weights()[i].length
                            + " weights, expected " + in);
                }
                for (int j = 0; j < in; j++) {
                    transposed[j * out + i] = finiteFloat(layer.weights()[i][j], "layer " + l + " weight");
                }
            }
            float[] bias = new float[out];
            for (int i = 0; i < out; i++) {
                bias[i] = finiteFloat(layer.bias()[i], "layer " + l + " bias");
            }
            String weights = graph.floats("layer" + l + "/weights", transposed, in, out);
            String biases = graph.floats("layer" + l + "/bias", bias, out);
            h = graph.node("Add", List.of(graph.node("MatMul", List.of(h, weights)), biases));
            h = switch (layer.activation()) {
                case LINEAR -> h;
                case RELU -> graph.node("Relu", List.of(h));
                case TANH -> graph.node("Tanh", List.of(h));
                case SIGMOID -> graph.node("Sigmoid", List.of(h));
            };
            in = out;
        }
        return h;
    }
}
