package io.creditscoring.export.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.creditscoring.pipeline.PipelineOutputs;
import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.pipeline.contract.Strictness;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an exported pipeline artifact with ONNX Runtime: loads the bytes once into one session (thread-safe for
 * scoring), and scores batches of feature maps. Values are read as the reference {@code PipelineEvaluator} reads
 * them, with the feature contract's lenient reading ({@link Strictness#READ}, {@link RawValues}): numbers (or numbers
 * written as text) for numeric features, missing or unreadable ones as NaN; labels for categorical ones, numbers by
 * their canonical text ({@code 2.0} is {@code "2"}), missing ones as the empty string, which no category matches.
 * Numeric values are rounded to float32 on the way in: the graph computes in float32.
 *
 * <p>Rejects artifacts whose {@link ArtifactMetadata#FORMAT_KEY} it does not know, and artifacts without the
 * {@code probability_of_default} output.
 */
public final class OnnxModelRunner implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Map<String, Boolean> inputs = new LinkedHashMap<>(); // name -> categorical
    private final Map<String, String> metadata;

    private OnnxModelRunner(byte[] onnx, int intraOpThreads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            this.session = env.createSession(onnx, options);
        }
        try {
            this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
            String format = metadata.get(ArtifactMetadata.FORMAT_KEY);
            if (!ArtifactMetadata.FORMAT.equals(format)) {
                throw new IllegalArgumentException(
                        "unknown artifact format '" + format + "', expected '" + ArtifactMetadata.FORMAT + "'");
            }
            if (!session.getOutputNames().contains(PipelineOutputs.PROBABILITY_OF_DEFAULT)) {
                throw new IllegalArgumentException(
                        "the artifact has no output '" + PipelineOutputs.PROBABILITY_OF_DEFAULT + "'");
            }
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                if (!(e.getValue().getInfo() instanceof TensorInfo t)) {
                    throw new IllegalArgumentException("input '" + e.getKey() + "' is not a tensor");
                }
                boolean categorical = switch (t.type) {
                    case STRING -> true;
                    case FLOAT -> false;
                    default ->
                        throw new IllegalArgumentException("input '" + e.getKey() + "' has unsupported type " + t.type);
                };
                inputs.put(e.getKey(), categorical);
            }
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }

    /** Loads an artifact with one intra-op thread (the right choice for single-row, many-request scoring). */
    public static OnnxModelRunner load(byte[] onnx) {
        return load(onnx, 1);
    }

    public static OnnxModelRunner load(byte[] onnx, int intraOpThreads) {
        try {
            return new OnnxModelRunner(onnx, intraOpThreads);
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot load the artifact: " + e.getMessage(), e);
        }
    }

    /** The raw features the artifact reads, in graph order. */
    public List<String> features() {
        return List.copyOf(inputs.keySet());
    }

    /** Whether the named input is categorical (string); otherwise it is numeric (float). */
    public boolean isCategorical(String feature) {
        Boolean categorical = inputs.get(feature);
        if (categorical == null) {
            throw new IllegalArgumentException("the artifact has no input '" + feature + "'");
        }
        return categorical;
    }

    /**
     * What the graph receives for one feature value: the float fed to a numeric input (NaN when missing), or the
     * string fed to a categorical one ({@code ""} when missing).
     */
    public Object graphInput(String feature, Object value) {
        return isCategorical(feature) ? label(value) : (Object) numeric(value);
    }

    /** The artifact's metadata ({@code metadata_props}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The probability of default of each row, in order. */
    public double[] probabilities(List<? extends Map<String, ?>> rows) {
        return run(rows, PipelineOutputs.PROBABILITY_OF_DEFAULT);
    }

    /** The margin (log-odds of default) of each row, in order. */
    public double[] margins(List<? extends Map<String, ?>> rows) {
        return run(rows, PipelineOutputs.MARGIN);
    }

    public double probability(Map<String, ?> row) {
        return probabilities(List.of(row))[0];
    }

    private double[] run(List<? extends Map<String, ?>> rows, String output) {
        if (rows.isEmpty()) {
            return new double[0];
        }
        int n = rows.size();
        long[] shape = {n, 1};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (Map.Entry<String, Boolean> input : inputs.entrySet()) {
                String feature = input.getKey();
                if (input.getValue()) {
                    String[] labels = new String[n];
                    for (int r = 0; r < n; r++) {
                        labels[r] = label(rows.get(r).get(feature));
                    }
                    feed.put(feature, OnnxTensor.createTensor(env, labels, shape));
                } else {
                    FloatBuffer values = FloatBuffer.allocate(n);
                    for (int r = 0; r < n; r++) {
                        values.put(numeric(rows.get(r).get(feature)));
                    }
                    values.flip();
                    feed.put(feature, OnnxTensor.createTensor(env, values, shape));
                }
            }
            try (OrtSession.Result result = session.run(feed, Collections.singleton(output))) {
                OnnxValue value = result.get(0);
                if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new IllegalStateException("output '" + output + "' is not a float tensor");
                }
                FloatBuffer floats = tensor.getFloatBuffer();
                double[] out = new double[n];
                for (int r = 0; r < n; r++) {
                    out[r] = floats.get(r);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to score " + n + " rows: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the ONNX Runtime session", e);
        }
    }

    /** A numeric value as the graph's float input: NaN when missing or unreadable. */
    static float numeric(Object raw) {
        return (float) RawValues.number(raw);
    }

    /** A categorical value as the graph's string input; missing becomes the empty string (all zeros). */
    static String label(Object raw) {
        String label = RawValues.label(raw);
        return label == null ? "" : label;
    }
}
