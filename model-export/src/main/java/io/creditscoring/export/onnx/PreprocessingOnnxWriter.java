package io.creditscoring.export.onnx;

import static io.creditscoring.export.onnx.OnnxGraphBuilder.attr;
import static io.creditscoring.export.onnx.OnnxGraphBuilder.floatsAttr;
import static io.creditscoring.export.onnx.OnnxGraphBuilder.stringsAttr;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the graph inputs (one per raw feature, named after it) and the fitted preprocessing as nodes, ending in
 * the model vector {@code [N, width]} (float):
 *
 * <ul>
 *   <li>numeric feature: input float {@code [N,1]}; {@code Imputer} (NaN to the fitted value) when an impute value
 *       is set; {@code Scaler} with {@code offset = center} and {@code scale = 1/scale} unless the scaling is the
 *       identity; when a missing indicator is fitted, {@code Cast(IsNaN(input))} as the next column;
 *   <li>categorical feature: input string {@code [N,1]}; {@code OneHotEncoder} over the training categories with
 *       {@code zeros = 1}, so an unknown or missing (empty) category writes all zeros, reshaped to {@code [N,K]};
 *   <li>every column block concatenated along axis 1, in the pipeline's order.
 * </ul>
 */
final class PreprocessingOnnxWriter {

    private static final List<String> COLUMN = List.of(OnnxGraphBuilder.BATCH_DIM, "1");

    private PreprocessingOnnxWriter() {}

    /** Writes inputs and preprocessing; returns the name of the model vector value. */
    static String write(OnnxGraphBuilder graph, Preprocessing preprocessing) {
        List<String> blocks = new ArrayList<>();
        for (InputTransform input : preprocessing.inputs()) {
            switch (input) {
                case NumericInput n -> blocks.addAll(numeric(graph, n));
                case CategoricalInput c -> blocks.add(categorical(graph, c));
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("the pipeline has no model inputs");
        }
        return graph.node("Concat", blocks, attr("axis", 1L));
    }

    private static List<String> numeric(OnnxGraphBuilder graph, NumericInput n) {
        graph.input(n.feature(), TensorProto.DataType.FLOAT);
        String value = n.feature();
        if (n.imputeValue() != null) {
            float impute = finiteFloat(n.imputeValue(), "impute value of '" + n.feature() + "'");
            value = graph.mlNode(
                    "Imputer",
                    List.of(value),
                    COLUMN,
                    floatsAttr("imputed_value_floats", new float[] {impute}),
                    attr("replaced_value_float", Float.NaN));
        }
        if (n.center() != 0.0 || n.scale() != 1.0) {
            float center = finiteFloat(n.center(), "center of '" + n.feature() + "'");
            value = graph.mlNode(
                    "Scaler",
                    List.of(value),
                    COLUMN,
                    floatsAttr("offset", new float[] {center}),
                    floatsAttr("scale", new float[] {(float) (1.0 / n.scale())}));
        }
        if (!n.missingIndicator()) {
            return List.of(value);
        }
        String isMissing = graph.node("IsNaN", List.of(n.feature()));
        String indicator = graph.node("Cast", List.of(isMissing), attr("to", (long) TensorProto.DataType.FLOAT_VALUE));
        return List.of(value, indicator);
    }

    private static String categorical(OnnxGraphBuilder graph, CategoricalInput c) {
        graph.input(c.feature(), TensorProto.DataType.STRING);
        String oneHot = graph.mlNode(
                "OneHotEncoder",
                List.of(c.feature()),
                List.of(
                        OnnxGraphBuilder.BATCH_DIM,
                        "1",
                        Integer.toString(c.categories().size())),
                stringsAttr("cats_strings", c.categories()),
                attr("zeros", 1L));
        String shape = graph.longs("shape", new long[] {-1, c.categories().size()}, 2);
        return graph.node("Reshape", List.of(oneHot, shape));
    }

    static float finiteFloat(double value, String what) {
        float f = (float) value;
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException(what + " is not a finite float: " + value);
        }
        return f;
    }
}
