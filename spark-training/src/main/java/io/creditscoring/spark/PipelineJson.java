package io.creditscoring.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Writes a fitted pipeline in the JSON form of model-pipeline's {@code ModelPipeline} record (what the local
 * engine stores in {@code run_models.pipeline} and hands to the ONNX export): {@code portfolio}, {@code algorithm},
 * {@code preprocessing.inputs[]} ({@code kind} numeric or categorical), {@code model} ({@code kind} linear, ...)
 * and string {@code metadata}. The training service reads it back as a {@code ModelPipeline}; the parity test
 * does exactly that, so a change of that record's form fails the test rather than a run.
 */
public final class PipelineJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private PipelineJson() {}

    public static ObjectNode linear(
            String portfolio,
            List<FittedInput> inputs,
            double[] weights,
            double intercept,
            Map<String, String> metadata) {
        ObjectNode model = MAPPER.createObjectNode();
        model.put("kind", "linear");
        ArrayNode w = model.putArray("weights");
        for (double weight : weights) {
            w.add(weight);
        }
        model.put("intercept", intercept);
        return pipeline(portfolio, "LOGISTIC_REGRESSION", inputs, model, metadata);
    }

    /**
     * A {@code neuralNetwork} model: the dense layers, input side first, each {@code weights} (output by input),
     * {@code bias} and {@code activation}; the last is the single output unit, {@code LINEAR}: its value is the
     * margin.
     */
    static ObjectNode network(
            String portfolio,
            List<FittedInput> inputs,
            Network network,
            double[] parameters,
            Map<String, String> metadata) {
        ObjectNode model = MAPPER.createObjectNode();
        model.put("kind", "neuralNetwork");
        ArrayNode layers = model.putArray("layers");
        for (int l = 0; l < network.layers(); l++) {
            int in = network.inputs(l);
            int out = network.outputs(l);
            int w = network.offset(l);
            ObjectNode layer = layers.addObject();
            ArrayNode weights = layer.putArray("weights");
            ArrayNode bias = layer.putArray("bias");
            for (int i = 0; i < out; i++) {
                ArrayNode row = weights.addArray();
                for (int j = 0; j < in; j++) {
                    row.add(parameters[w + i * in + j]);
                }
                bias.add(parameters[w + out * in + i]);
            }
            boolean last = l == network.layers() - 1;
            layer.put("activation", last ? "LINEAR" : network.activation().toUpperCase(java.util.Locale.ROOT));
        }
        return pipeline(portfolio, "NEURAL_NETWORK", inputs, model, metadata);
    }

    static ObjectNode pipeline(
            String portfolio,
            String algorithm,
            List<FittedInput> inputs,
            ObjectNode model,
            Map<String, String> metadata) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("portfolio", portfolio);
        root.put("algorithm", algorithm);
        root.set("preprocessing", preprocessing(inputs));
        root.set("model", model);
        ObjectNode meta = root.putObject("metadata");
        metadata.forEach(meta::put);
        return root;
    }

    /** A fitted preprocessing in the JSON form of model-pipeline's {@code Preprocessing}. */
    static ObjectNode preprocessing(List<FittedInput> inputs) {
        ObjectNode preprocessing = MAPPER.createObjectNode();
        ArrayNode array = preprocessing.putArray("inputs");
        for (FittedInput input : inputs) {
            array.add(input(input));
        }
        return preprocessing;
    }

    private static ObjectNode input(FittedInput input) {
        ObjectNode node = MAPPER.createObjectNode();
        if (input instanceof FittedInput.Numeric n) {
            node.put("kind", "numeric");
            node.put("feature", n.feature());
            if (n.imputeValue() == null) {
                node.putNull("imputeValue");
            } else {
                node.put("imputeValue", n.imputeValue());
            }
            node.put("center", n.center());
            node.put("scale", n.scale());
            node.put("missingIndicator", n.missingIndicator());
        } else if (input instanceof FittedInput.Categorical c) {
            node.put("kind", "categorical");
            node.put("feature", c.feature());
            ArrayNode categories = node.putArray("categories");
            c.categories().forEach(categories::add);
        }
        return node;
    }
}
