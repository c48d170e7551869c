package io.creditscoring.scoring.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.scoring.explain.ReasonExplainer;
import io.creditscoring.scoring.validation.FeatureValidator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One registry model version ready to score: its ONNX Runtime session (one per version, shared by every
 * request), the schema it was trained on, the fitted pipeline and the explainer derived from it.
 *
 * <p>Feature rows given to it are already validated and normalised: numbers as {@link Double}, categories as the
 * schema's spelling, a missing value as null. Each ONNX input is fed by the feature of the same name, in the
 * tensor type the graph declares (float, double, int64 or string; shape {@code [N,1]}); a missing number goes in
 * as NaN and a missing category as the empty string.
 *
 * <p>The model is reference counted: the registry of champions holds one reference, each request another, and
 * the session is closed only when the model has been replaced and the last request using it has finished.
 */
public final class ScoringModel {

    /** Name of the probability output of the platform's ONNX artifacts. */
    public static final String PROBABILITY_OUTPUT = "probability_of_default";

    private final String portfolio;
    private final int version;
    private final Algorithm algorithm;
    private final String sha256;
    private final PortfolioSchema schema;
    private final ModelPipeline pipeline;
    private final PipelineEvaluator evaluator;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<OnnxInput> inputs;
    private final String output;
    private final ReasonExplainer explainer;
    private final FeatureValidator validator;
    private final AtomicInteger references = new AtomicInteger(1);
    private final ConcurrentLinkedQueue<SingleRowFeed> singleRowFeeds = new ConcurrentLinkedQueue<>();

    ScoringModel(
            String portfolio,
            int version,
            Algorithm algorithm,
            String sha256,
            PortfolioSchema schema,
            ModelPipeline pipeline,
            OrtEnvironment env,
            OrtSession session) {
        this.portfolio = portfolio;
        this.version = version;
        this.algorithm = algorithm;
        this.sha256 = sha256;
        this.schema = schema;
        this.pipeline = pipeline;
        this.evaluator = new PipelineEvaluator(pipeline);
        this.env = env;
        this.session = session;
        this.inputs = describeInputs(session, schema);
        this.output = session.getOutputNames().contains(PROBABILITY_OUTPUT)
                ? PROBABILITY_OUTPUT
                : session.getOutputNames().iterator().next();
        this.explainer = ReasonExplainer.forPipeline(pipeline, evaluator, this::probabilities);
        this.validator = new FeatureValidator(schema);
    }

    public String portfolio() {
        return portfolio;
    }

    public int version() {
        return version;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public String sha256() {
        return sha256;
    }

    public PortfolioSchema schema() {
        return schema;
    }

    public ModelPipeline pipeline() {
        return pipeline;
    }

    public PipelineEvaluator evaluator() {
        return evaluator;
    }

    public ReasonExplainer explainer() {
        return explainer;
    }

    /** Checks request features against the schema snapshot this version was trained on. */
    public FeatureValidator validator() {
        return validator;
    }

    /** The graph's inputs, in the order the session declares them. */
    public List<OnnxInput> inputs() {
        return inputs;
    }

    public String outputName() {
        return output;
    }

    /** Probabilities of default of validated feature rows, from one ONNX Runtime call. */
    public double[] probabilities(List<? extends Map<String, Object>> rows) {
        if (rows.size() == 1) {
            return new double[] {probability(rows.getFirst())};
        }
        int n = rows.size();
        long[] shape = {n, 1};
        Map<String, OnnxTensor> feed = new HashMap<>(inputs.size() * 2);
        try {
            for (OnnxInput input : inputs) {
                feed.put(input.name(), tensor(input, rows, shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                OnnxValue value = result.get(output).orElseThrow();
                return readProbabilities((OnnxTensor) value, n);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed to score " + n + " rows with " + portfolio + " v" + version, e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * One row, the common case: numeric inputs are written into the direct buffers of a pooled set of tensors
     * that ONNX Runtime reads in place, so that no tensor is created per call except for string inputs.
     */
    private double probability(Map<String, Object> row) {
        SingleRowFeed feed = singleRowFeeds.poll();
        if (feed == null) {
            feed = new SingleRowFeed();
        }
        List<OnnxTensor> created = new ArrayList<>(2);
        try {
            for (int i = 0; i < inputs.size(); i++) {
                OnnxInput input = inputs.get(i);
                Object value = row.get(input.name());
                switch (input.type()) {
                    case FLOAT -> feed.floats[i].put(0, (float) number(value));
                    case DOUBLE -> feed.doubles[i].put(0, number(value));
                    default -> {
                        OnnxTensor tensor = tensor(input, List.of(row), new long[] {1, 1});
                        created.add(tensor);
                        feed.tensors.put(input.name(), tensor);
                    }
                }
            }
            try (OrtSession.Result result = session.run(feed.tensors)) {
                return readProbabilities((OnnxTensor) result.get(output).orElseThrow(), 1)[0];
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to score a row with " + portfolio + " v" + version, e);
        } finally {
            for (OnnxTensor tensor : created) {
                tensor.close();
            }
            feed.tensors.values().removeAll(created);
            singleRowFeeds.offer(feed);
        }
    }

    /** Reusable single-row input tensors over direct buffers, one set per concurrent request. */
    private final class SingleRowFeed {
        final Map<String, OnnxTensor> tensors = new HashMap<>();
        final FloatBuffer[] floats = new FloatBuffer[inputs.size()];
        final DoubleBuffer[] doubles = new DoubleBuffer[inputs.size()];

        SingleRowFeed() {
            long[] shape = {1, 1};
            try {
                for (int i = 0; i < inputs.size(); i++) {
                    OnnxInput input = inputs.get(i);
                    if (input.type() == OnnxJavaType.FLOAT) {
                        floats[i] = ByteBuffer.allocateDirect(Float.BYTES)
                                .order(ByteOrder.nativeOrder())
                                .asFloatBuffer();
                        tensors.put(input.name(), OnnxTensor.createTensor(env, floats[i], shape));
                    } else if (input.type() == OnnxJavaType.DOUBLE) {
                        doubles[i] = ByteBuffer.allocateDirect(Double.BYTES)
                                .order(ByteOrder.nativeOrder())
                                .asDoubleBuffer();
                        tensors.put(input.name(), OnnxTensor.createTensor(env, doubles[i], shape));
                    }
                }
            } catch (OrtException e) {
                throw new IllegalStateException("cannot create input tensors for " + portfolio + " v" + version, e);
            }
        }

        void close() {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(OnnxInput input, List<? extends Map<String, Object>> rows, long[] shape)
            throws OrtException {
        int n = rows.size();
        String feature = input.name();
        return switch (input.type()) {
            case STRING -> {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    Object v = rows.get(i).get(feature);
                    values[i] = v == null ? "" : v.toString();
                }
                yield OnnxTensor.createTensor(env, values, shape);
            }
            case DOUBLE -> {
                DoubleBuffer values = DoubleBuffer.allocate(n);
                for (Map<String, Object> row : rows) {
                    values.put(number(row.get(feature)));
                }
                yield OnnxTensor.createTensor(env, values.flip(), shape);
            }
            case INT64 -> {
                LongBuffer values = LongBuffer.allocate(n);
                for (Map<String, Object> row : rows) {
                    values.put((long) number(row.get(feature)));
                }
                yield OnnxTensor.createTensor(env, values.flip(), shape);
            }
            default -> {
                FloatBuffer values = FloatBuffer.allocate(n);
                for (Map<String, Object> row : rows) {
                    values.put((float) number(row.get(feature)));
                }
                yield OnnxTensor.createTensor(env, values.flip(), shape);
            }
        };
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    private static double[] readProbabilities(OnnxTensor tensor, int n) {
        double[] out = new double[n];
        if (tensor.getInfo().type == OnnxJavaType.DOUBLE) {
            DoubleBuffer buffer = tensor.getDoubleBuffer();
            for (int i = 0; i < n; i++) {
                out[i] = buffer.get(i);
            }
        } else {
            FloatBuffer buffer = tensor.getFloatBuffer();
            for (int i = 0; i < n; i++) {
                out[i] = buffer.get(i);
            }
        }
        return out;
    }

    private static List<OnnxInput> describeInputs(OrtSession session, PortfolioSchema schema) {
        List<OnnxInput> inputs = new ArrayList<>();
        Map<String, NodeInfo> infos;
        try {
            infos = new LinkedHashMap<>(session.getInputInfo());
        } catch (OrtException e) {
            throw new ModelLoadException("cannot read the graph's inputs", e);
        }
        for (var entry : infos.entrySet()) {
            FeatureSpec feature = schema.feature(entry.getKey())
                    .orElseThrow(() -> new ModelLoadException("graph input '" + entry.getKey()
                            + "' is not a feature of portfolio " + schema.portfolio()));
            if (!(entry.getValue().getInfo() instanceof TensorInfo info)) {
                throw new ModelLoadException("graph input '" + entry.getKey() + "' is not a tensor");
            }
            inputs.add(new OnnxInput(entry.getKey(), feature, info.type, info.getShape()));
        }
        return List.copyOf(inputs);
    }

    /** Takes a reference for one request; false when the model has already been retired and closed. */
    boolean tryAcquire() {
        while (true) {
            int current = references.get();
            if (current <= 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the ONNX Runtime session. */
    void release() {
        if (references.decrementAndGet() == 0) {
            closeSession();
        }
    }

    boolean isClosed() {
        return references.get() <= 0;
    }

    /** Closes the session of a model loaded outside the registry of champions (benchmarks). */
    public void closeForBenchmark() {
        release();
    }

    void closeSession() {
        SingleRowFeed feed;
        while ((feed = singleRowFeeds.poll()) != null) {
            feed.close();
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the session of " + portfolio + " v" + version, e);
        }
    }

    /**
     * One input of the graph.
     *
     * @param name the input name, which is the feature name
     * @param feature the schema's declaration of that feature
     * @param type the tensor element type
     * @param shape the declared shape (-1 for the batch dimension)
     */
    public record OnnxInput(String name, FeatureSpec feature, OnnxJavaType type, long[] shape) {}

    @Override
    public String toString() {
        return portfolio + " v" + version + " (" + algorithm + ")";
    }
}
