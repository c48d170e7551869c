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
import io.creditscoring.pipeline.PipelineOutputs;
import io.creditscoring.scoring.explain.ReasonExplainer;
import io.creditscoring.scoring.validation.FeatureValidator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
 * as NaN and a missing category as the empty string. The float inputs reach the session as the columns of one
 * packed input ({@link PackedInputs}).
 *
 * <p>The model is reference counted: the registry of champions holds one reference, each request another, and
 * the session is closed only when the model has been replaced and the last request using it has finished.
 */
public final class ScoringModel {

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
    private final List<OnnxInput> packedColumns;
    private final List<OnnxInput> separateInputs;
    /** One [1,1] tensor per category of each string input ("" for missing), shared by single-row calls. */
    private final Map<String, Map<String, OnnxTensor>> categoryTensors;

    private final String output;
    private final OnnxJavaType outputType;
    private final long[] outputShape;
    private final ReasonExplainer explainer;
    private final FeatureValidator validator;
    /** Single-row feeds made at load, about the requests one instance serves at once. */
    private static final int WARM_SINGLE_ROW_FEEDS = 8;

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
            OrtSession session,
            PackedInputs packing) {
        this.portfolio = portfolio;
        this.version = version;
        this.algorithm = algorithm;
        this.sha256 = sha256;
        this.schema = schema;
        this.pipeline = pipeline;
        this.evaluator = new PipelineEvaluator(pipeline);
        this.env = env;
        this.session = session;
        this.inputs = describeInputs(session, schema, packing);
        this.packedColumns = inputs.stream()
                .filter(i -> packing.columns().contains(i.name()))
                .sorted(Comparator.comparingInt(i -> packing.columns().indexOf(i.name())))
                .toList();
        this.separateInputs =
                inputs.stream().filter(i -> !packedColumns.contains(i)).toList();
        this.categoryTensors = categoryTensors(env, separateInputs);
        this.output = session.getOutputNames().contains(PipelineOutputs.PROBABILITY_OF_DEFAULT)
                ? PipelineOutputs.PROBABILITY_OF_DEFAULT
                : session.getOutputNames().iterator().next();
        TensorInfo outputInfo = outputInfo(session, output);
        this.outputType = outputInfo.type == OnnxJavaType.DOUBLE ? OnnxJavaType.DOUBLE : OnnxJavaType.FLOAT;
        this.outputShape = new long[outputInfo.getShape().length];
        Arrays.fill(outputShape, 1);
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
            if (!packedColumns.isEmpty()) {
                FloatBuffer packed = FloatBuffer.allocate(n * packedColumns.size());
                for (Map<String, Object> row : rows) {
                    for (OnnxInput column : packedColumns) {
                        packed.put((float) number(row.get(column.name())));
                    }
                }
                feed.put(
                        PackedInputs.PACKED_INPUT,
                        OnnxTensor.createTensor(env, packed.flip(), new long[] {n, packedColumns.size()}));
            }
            for (OnnxInput input : separateInputs) {
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
     * One row, the common case: numbers are written into the direct buffers of a pooled set of input tensors and
     * the probability is read from a pooled output tensor, both of which ONNX Runtime uses in place, and a
     * categorical input takes its category's shared tensor: no tensor is created per call except for integer
     * inputs and strings of no category.
     */
    private double probability(Map<String, Object> row) {
        SingleRowFeed feed = singleRowFeeds.poll();
        if (feed == null) {
            feed = new SingleRowFeed();
        }
        List<String> perCall = new ArrayList<>(0);
        List<OnnxTensor> created = new ArrayList<>(0);
        try {
            for (int i = 0; i < packedColumns.size(); i++) {
                feed.packed.put(i, (float) number(row.get(packedColumns.get(i).name())));
            }
            for (int i = 0; i < separateInputs.size(); i++) {
                OnnxInput input = separateInputs.get(i);
                Object value = row.get(input.name());
                switch (input.type()) {
                    case FLOAT -> feed.floats[i].put(0, (float) number(value));
                    case DOUBLE -> feed.doubles[i].put(0, number(value));
                    default -> {
                        OnnxTensor tensor = categoryTensors
                                .getOrDefault(input.name(), Map.of())
                                .get(value == null ? "" : value.toString());
                        if (tensor == null) {
                            tensor = tensor(input, List.of(row), new long[] {1, 1});
                            created.add(tensor);
                        }
                        perCall.add(input.name());
                        feed.inputs.put(input.name(), tensor);
                    }
                }
            }
            try (OrtSession.Result result = session.run(feed.inputs, feed.output)) {
                return feed.probability();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to score a row with " + portfolio + " v" + version, e);
        } finally {
            created.forEach(OnnxTensor::close);
            perCall.forEach(feed.inputs::remove);
            singleRowFeeds.offer(feed);
        }
    }

    /** Reusable single-row input and output tensors over direct buffers, one set per concurrent request. */
    private final class SingleRowFeed {
        final Map<String, OnnxTensor> inputs = new HashMap<>();
        Map<String, OnnxTensor> output = Map.of();
        final FloatBuffer packed = directFloats(Math.max(1, packedColumns.size()));
        final FloatBuffer[] floats = new FloatBuffer[separateInputs.size()];
        final DoubleBuffer[] doubles = new DoubleBuffer[separateInputs.size()];
        final FloatBuffer floatOutput = directFloats(1);
        final DoubleBuffer doubleOutput = ByteBuffer.allocateDirect(Double.BYTES)
                .order(ByteOrder.nativeOrder())
                .asDoubleBuffer();

        SingleRowFeed() {
            long[] shape = {1, 1};
            try {
                if (!packedColumns.isEmpty()) {
                    inputs.put(
                            PackedInputs.PACKED_INPUT,
                            OnnxTensor.createTensor(env, packed, new long[] {1, packedColumns.size()}));
                }
                for (int i = 0; i < separateInputs.size(); i++) {
                    OnnxInput input = separateInputs.get(i);
                    if (input.type() == OnnxJavaType.FLOAT) {
                        floats[i] = directFloats(1);
                        inputs.put(input.name(), OnnxTensor.createTensor(env, floats[i], shape));
                    } else if (input.type() == OnnxJavaType.DOUBLE) {
                        doubles[i] = ByteBuffer.allocateDirect(Double.BYTES)
                                .order(ByteOrder.nativeOrder())
                                .asDoubleBuffer();
                        inputs.put(input.name(), OnnxTensor.createTensor(env, doubles[i], shape));
                    }
                }
                output = Map.of(
                        ScoringModel.this.output,
                        outputType == OnnxJavaType.DOUBLE
                                ? OnnxTensor.createTensor(env, doubleOutput, outputShape)
                                : OnnxTensor.createTensor(env, floatOutput, outputShape));
            } catch (OrtException e) {
                close();
                throw new IllegalStateException("cannot create input tensors for " + portfolio + " v" + version, e);
            }
        }

        double probability() {
            return outputType == OnnxJavaType.DOUBLE ? doubleOutput.get(0) : floatOutput.get(0);
        }

        void close() {
            inputs.values().forEach(OnnxTensor::close);
            output.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * A string input's values are few (the schema's categories), so single rows share one immutable tensor per
     * value instead of creating one per call; ONNX Runtime only reads its inputs.
     */
    private static Map<String, Map<String, OnnxTensor>> categoryTensors(OrtEnvironment env, List<OnnxInput> inputs) {
        Map<String, Map<String, OnnxTensor>> tensors = new HashMap<>();
        try {
            for (OnnxInput input : inputs) {
                if (input.type() == OnnxJavaType.STRING && input.feature().isCategorical()) {
                    Map<String, OnnxTensor> byValue = new HashMap<>();
                    tensors.put(input.name(), byValue);
                    for (String value : input.feature().categories()) {
                        byValue.put(value, OnnxTensor.createTensor(env, new String[] {value}, new long[] {1, 1}));
                    }
                    byValue.put("", OnnxTensor.createTensor(env, new String[] {""}, new long[] {1, 1}));
                }
            }
        } catch (OrtException e) {
            tensors.values().forEach(t -> t.values().forEach(OnnxTensor::close));
            throw new ModelLoadException("cannot create the category tensors of the graph's string inputs", e);
        }
        return Map.copyOf(tensors);
    }

    private static FloatBuffer directFloats(int n) {
        return ByteBuffer.allocateDirect(n * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
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

    /**
     * The stored graph's inputs in their declared order; those now fed through the packed input are float
     * {@code [N,1]} columns.
     */
    private static List<OnnxInput> describeInputs(OrtSession session, PortfolioSchema schema, PackedInputs packing) {
        Map<String, NodeInfo> infos;
        try {
            infos = session.getInputInfo();
        } catch (OrtException e) {
            throw new ModelLoadException("cannot read the graph's inputs", e);
        }
        List<OnnxInput> inputs = new ArrayList<>();
        for (String name : packing.declared()) {
            FeatureSpec feature = schema.feature(name)
                    .orElseThrow(() -> new ModelLoadException(
                            "graph input '" + name + "' is not a feature of portfolio " + schema.portfolio()));
            if (packing.columns().contains(name)) {
                inputs.add(new OnnxInput(name, feature, OnnxJavaType.FLOAT, new long[] {-1, 1}));
            } else if (infos.get(name) != null && infos.get(name).getInfo() instanceof TensorInfo info) {
                inputs.add(new OnnxInput(name, feature, info.type, info.getShape()));
            } else {
                throw new ModelLoadException("graph input '" + name + "' is not a tensor");
            }
        }
        return List.copyOf(inputs);
    }

    private static TensorInfo outputInfo(OrtSession session, String output) {
        try {
            if (session.getOutputInfo().get(output).getInfo() instanceof TensorInfo info
                    && (info.type == OnnxJavaType.FLOAT || info.type == OnnxJavaType.DOUBLE)) {
                return info;
            }
        } catch (OrtException e) {
            throw new ModelLoadException("cannot read the graph's outputs", e);
        }
        throw new ModelLoadException("graph output '" + output + "' is not a float or double tensor");
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

    /**
     * Drops a reference; true when it was the last one, and the caller must then have the session closed
     * ({@link #closeSession}), off the request path: closing a large session takes milliseconds.
     */
    boolean release() {
        return references.decrementAndGet() == 0;
    }

    boolean isClosed() {
        return references.get() <= 0;
    }

    /** Closes the session of a model loaded outside the registry of champions (benchmarks). */
    public void closeForBenchmark() {
        if (release()) {
            closeSession();
        }
    }

    /**
     * Does once, at load, what the first requests on a new session would otherwise pay for: ONNX Runtime's first
     * batch run (its memory plan for a new batch size), a first explanation, and a few pooled single-row feeds
     * for concurrent requests. The single-row path has already run for the load-time parity check.
     */
    void warmUp(Map<String, Object> row) {
        probabilities(List.of(row, row));
        explainer.contributions(row);
        List<SingleRowFeed> feeds = new ArrayList<>(WARM_SINGLE_ROW_FEEDS);
        for (int i = 0; i < WARM_SINGLE_ROW_FEEDS; i++) {
            SingleRowFeed feed = singleRowFeeds.poll();
            feeds.add(feed != null ? feed : new SingleRowFeed());
        }
        singleRowFeeds.addAll(feeds);
    }

    void closeSession() {
        SingleRowFeed feed;
        while ((feed = singleRowFeeds.poll()) != null) {
            feed.close();
        }
        categoryTensors.values().forEach(tensors -> tensors.values().forEach(OnnxTensor::close));
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
