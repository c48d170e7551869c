package io.creditscoring.export.onnx;

import static io.creditscoring.export.onnx.PreprocessingOnnxWriter.finiteFloat;

import io.creditscoring.pipeline.LinearModel;
import java.util.List;

/** Logistic regression as {@code Add(MatMul(x, w), intercept)}: weights {@code [width, 1]}, intercept {@code [1]}. */
final class LogisticRegressionOnnxExporter implements ModelStageWriter {

    private final LinearModel model;

    LogisticRegressionOnnxExporter(LinearModel model) {
        this.model = model;
    }

    @Override
    public String writeMargin(OnnxGraphBuilder graph, String vector, int width) {
        if (model.weights().length != width) {
            throw new IllegalArgumentException("the linear model has " + model.weights().length
                    + " weights but the preprocessing writes " + width + " columns");
        }
        float[] w = new float[width];
        for (int j = 0; j < width; j++) {
            w[j] = finiteFloat(model.weights()[j], "weight " + j);
        }
        String weights = graph.floats("weights", w, width, 1);
        String intercept = graph.floats("intercept", new float[] {finiteFloat(model.intercept(), "intercept")}, 1);
        String product = graph.node("MatMul", List.of(vector, weights));
        return graph.node("Add", List.of(product, intercept));
    }
}
