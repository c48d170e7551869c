package io.creditscoring.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.creditscoring.export.onnx.PipelineOnnxExporter;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.PipelineOutputs;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.TreeEnsembleModel;
import io.creditscoring.scoring.fixtures.PipelineOnnxGraphs;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.fixtures.XgboostTrees;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The load-time packing of a graph's float {@code [N,1]} inputs into {@value PackedInputs#PACKED_INPUT}: each of
 * its three rewrites is taken for the graphs it is meant for, and a model loaded through the production loader
 * (batch path and single-row path) gives exactly the probabilities of an ONNX Runtime session on the artifact as
 * stored, fed one {@code [N,1]} tensor per input, on real Taiwan rows including missing values.
 */
class PackedInputsTest {

    private static final PortfolioSchema SCHEMA = BundledPortfolios.taiwanCards();
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final String PACKED = PackedInputs.PACKED_INPUT;

    /** The schema's numeric model inputs, in schema order (19). */
    private static final List<String> NUMBERS = SCHEMA.modelInputs().stream()
            .filter(FeatureSpec::isNumeric)
            .map(FeatureSpec::name)
            .toList();

    private static final int TRAINING_ROWS = 3_000;
    private static final int SCORED_ROWS = 300;

    private static final List<Map<String, Object>> training = new ArrayList<>();
    private static final List<Float> labels = new ArrayList<>();
    /** Rows after the training rows, some with a missing number, EDUCATION or MARRIAGE. */
    private static final List<Map<String, Object>> scored = new ArrayList<>();

    private static List<Artifact> artifacts;

    /** How the graph is expected to be rewritten. */
    enum Rewrite {
        /** (a) the sole consumer Concat takes exactly every column: it becomes Identity of the packed input */
        IDENTITY,
        /** (b) the sole consumer Concat also takes other blocks: runs of columns become slices */
        SLICES,
        /** (c) anything else: a Split gives each column back its name */
        SPLIT
    }

    /**
     * One artifact of a pipeline over the Taiwan schema.
     *
     * @param pieces for {@link Rewrite#SLICES}, the packed pieces the Concat takes, in order
     */
    record Artifact(
            String name,
            ModelPipeline pipeline,
            byte[] onnx,
            Rewrite rewrite,
            List<String> columns,
            List<String> pieces,
            boolean splitNeedsNumOutputs) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void readTaiwanRows() throws IOException {
        for (Map<String, String> cells : TaiwanFixtures.dataSetRows(TRAINING_ROWS + SCORED_ROWS)) {
            Map<String, Object> row = TaiwanFixtures.requestFeatures(SCHEMA, cells);
            if (training.size() < TRAINING_ROWS) {
                training.add(row);
                labels.add(Float.parseFloat(cells.get("defaulted")));
            } else {
                scored.add(withSomeMissing(row, scored.size()));
            }
        }
        assertThat(scored).hasSize(SCORED_ROWS);
    }

    /** Every 11th row misses one number, every 29th two more, every 13th EDUCATION, every 17th MARRIAGE. */
    private static Map<String, Object> withSomeMissing(Map<String, Object> row, int i) {
        if (i % 11 == 5) {
            row.put(NUMBERS.get((i / 11) % NUMBERS.size()), null);
        }
        if (i % 29 == 3) {
            row.put("LIMIT_BAL", null);
            row.put("PAY_AMT6", null);
        }
        if (i % 13 == 7) {
            row.put("EDUCATION", null);
        }
        if (i % 17 == 9) {
            row.put("MARRIAGE", null);
        }
        return row;
    }

    static synchronized List<Artifact> artifacts() throws Exception {
        if (artifacts != null) {
            return artifacts;
        }
        List<Artifact> list = new ArrayList<>();
        PipelineOnnxExporter exporter = new PipelineOnnxExporter();

        // (a) trees over the raw numbers only: the exporter's Concat takes every column, in pipeline order
        Preprocessing numbers = preprocessing(NUMBERS.stream().map(NumericInput::raw));
        ModelPipeline trees = trees(numbers);
        list.add(new Artifact(
                "exported trees over numbers only",
                trees,
                exporter.export(trees, 1, 1),
                Rewrite.IDENTITY,
                NUMBERS,
                List.of(),
                false));
        list.add(new Artifact(
                "test-fixture trees over numbers only",
                trees,
                PipelineOnnxGraphs.treeEnsemble(numbers, (TreeEnsembleModel) trees.model()),
                Rewrite.IDENTITY,
                NUMBERS,
                List.of(),
                false));

        // (b) EDUCATION's one-hot between LIMIT_BAL and the other numbers, as a real champion has
        List<InputTransform> educationBetween = new ArrayList<>();
        educationBetween.add(NumericInput.raw("LIMIT_BAL"));
        educationBetween.add(categorical("EDUCATION"));
        NUMBERS.stream().skip(1).map(NumericInput::raw).forEach(educationBetween::add);
        ModelPipeline treesWithEducation = trees(new Preprocessing(educationBetween));
        list.add(new Artifact(
                "exported trees, EDUCATION between numbers",
                treesWithEducation,
                exporter.export(treesWithEducation, 1, 1),
                Rewrite.SLICES,
                NUMBERS,
                List.of(PACKED + "/0:1", PACKED + "/1:19"),
                false));

        // (b) categories before and after one run of every number: the Concat takes the packed input itself
        List<InputTransform> categoriesAround = new ArrayList<>();
        categoriesAround.add(categorical("EDUCATION"));
        NUMBERS.stream().map(NumericInput::raw).forEach(categoriesAround::add);
        categoriesAround.add(categorical("MARRIAGE"));
        ModelPipeline linearAround = rawLinear(new Preprocessing(categoriesAround));
        list.add(new Artifact(
                "exported linear model, categories around the numbers",
                linearAround,
                exporter.export(linearAround, 1, 1),
                Rewrite.SLICES,
                NUMBERS,
                List.of(PACKED),
                false));

        // (b) numbers in an order other than the schema's, split in two runs by EDUCATION
        List<String> shuffled = new ArrayList<>(NUMBERS.reversed());
        List<InputTransform> twoRuns = new ArrayList<>();
        shuffled.subList(0, 3).stream().map(NumericInput::raw).forEach(twoRuns::add);
        twoRuns.add(categorical("EDUCATION"));
        shuffled.subList(3, shuffled.size()).stream().map(NumericInput::raw).forEach(twoRuns::add);
        twoRuns.add(categorical("MARRIAGE"));
        ModelPipeline linearTwoRuns = rawLinear(new Preprocessing(twoRuns));
        list.add(new Artifact(
                "exported linear model, two runs of numbers in reverse order",
                linearTwoRuns,
                exporter.export(linearTwoRuns, 1, 1),
                Rewrite.SLICES,
                shuffled,
                List.of(PACKED + "/0:3", PACKED + "/3:19"),
                false));

        // (b) the same graph with its inputs declared in another order: columns follow the Concat, not the inputs
        list.add(new Artifact(
                "exported linear model, inputs declared in another order than the Concat takes them",
                linearTwoRuns,
                withInputsRotated(exporter.export(linearTwoRuns, 1, 1), 5),
                Rewrite.SLICES,
                shuffled,
                List.of(PACKED + "/0:3", PACKED + "/3:19"),
                false));

        // (c) imputed and scaled numbers, some with a missing indicator: each column feeds an Imputer (and IsNaN)
        List<InputTransform> imputed = new ArrayList<>();
        for (int j = 0; j < NUMBERS.size(); j++) {
            if (j == 2) {
                imputed.add(categorical("EDUCATION"));
            }
            imputed.add(standardised(NUMBERS.get(j), j % 3 == 0));
        }
        ModelPipeline linearImputed = linear(new Preprocessing(imputed));
        list.add(new Artifact(
                "exported linear model, imputed numbers with missing indicators",
                linearImputed,
                exporter.export(linearImputed, 1, 1),
                Rewrite.SPLIT,
                NUMBERS,
                List.of(),
                false));

        // (c) the test fixture's logistic regression: each number goes through its own Sub and Div
        List<InputTransform> standardised = new ArrayList<>();
        NUMBERS.stream().map(f -> standardised(f, false)).forEach(standardised::add);
        standardised.add(categorical("EDUCATION"));
        ModelPipeline fixtureLinear = linear(new Preprocessing(standardised));
        byte[] fixtureOnnx = PipelineOnnxGraphs.logisticRegression(
                fixtureLinear.preprocessing(), (LinearModel) fixtureLinear.model());
        list.add(new Artifact(
                "test-fixture linear model, opset 17",
                fixtureLinear,
                fixtureOnnx,
                Rewrite.SPLIT,
                NUMBERS,
                List.of(),
                false));
        list.add(new Artifact(
                "test-fixture linear model, opset 18",
                fixtureLinear,
                withOpset(fixtureOnnx, 18),
                Rewrite.SPLIT,
                NUMBERS,
                List.of(),
                true));
        artifacts = List.copyOf(list);
        return artifacts;
    }

    /**
     * The rewritten graph declares the packed float {@code [N,k]} input in place of the columns, keeps every
     * other input, and holds exactly the expected rewrite: the Concat as Identity of the packed input, the
     * Concat over slices of it (bounds checked in the initializers), or a Split along axis 1 naming the columns
     * (with {@code num_outputs} from opset 18); every other node is as stored.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void rewritesTheGraphAsExpected(Artifact artifact) throws Exception {
        GraphProto stored = ModelProto.parseFrom(artifact.onnx()).getGraph();
        PackedInputs packing = PackedInputs.of(artifact.onnx());
        GraphProto graph = ModelProto.parseFrom(packing.graph()).getGraph();
        List<String> storedInputs =
                stored.getInputList().stream().map(ValueInfoProto::getName).toList();

        assertThat(packing.isPacked()).isTrue();
        assertThat(packing.columns()).containsExactlyElementsOf(artifact.columns());
        assertThat(packing.declared()).containsExactlyElementsOf(storedInputs);
        List<String> expectedInputs = new ArrayList<>(storedInputs);
        expectedInputs.removeAll(artifact.columns());
        expectedInputs.add(PACKED);
        assertThat(graph.getInputList().stream().map(ValueInfoProto::getName))
                .containsExactlyElementsOf(expectedInputs);
        ValueInfoProto packed = graph.getInputList().getLast();
        assertThat(packed.getType().getTensorType().getElemType()).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
        List<TensorShapeProto.Dimension> dims =
                packed.getType().getTensorType().getShape().getDimList();
        assertThat(dims).hasSize(2);
        assertThat(dims.get(0).hasDimValue())
                .as("the batch dimension is symbolic")
                .isFalse();
        assertThat(dims.get(1).getDimValue()).isEqualTo(artifact.columns().size());

        NodeProto storedConcat = stored.getNodeList().stream()
                .filter(n -> n.getOpType().equals("Concat")
                        && n.getInputList().stream().anyMatch(artifact.columns()::contains))
                .findFirst()
                .orElse(null);
        List<NodeProto> others = new ArrayList<>(stored.getNodeList());
        others.remove(storedConcat);
        switch (artifact.rewrite()) {
            case IDENTITY -> {
                assertThat(storedConcat).isNotNull();
                NodeProto identity = producer(graph, storedConcat.getOutput(0));
                assertThat(identity.getOpType()).isEqualTo("Identity");
                assertThat(identity.getInputList()).containsExactly(PACKED);
                assertThat(identity.getAttributeList()).isEmpty();
                assertThat(ops(graph)).doesNotContain("Slice", "Split");
                assertNoColumnIsReferenced(graph, artifact.columns());
                assertThat(withoutNode(graph.getNodeList(), identity)).containsExactlyElementsOf(others);
            }
            case SLICES -> {
                assertThat(storedConcat).isNotNull();
                NodeProto concat = producer(graph, storedConcat.getOutput(0));
                assertThat(concat.getOpType()).isEqualTo("Concat");
                assertThat(concat.getAttributeList()).isEqualTo(storedConcat.getAttributeList());
                List<String> blocks = storedConcat.getInputList().stream()
                        .filter(i -> !artifact.columns().contains(i))
                        .toList();
                assertThat(concat.getInputList().stream().filter(i -> !i.startsWith(PACKED)))
                        .as("the other blocks stay, in order")
                        .containsExactlyElementsOf(blocks);
                assertThat(concat.getInputList().stream().filter(i -> i.startsWith(PACKED)))
                        .containsExactlyElementsOf(artifact.pieces());
                assertThat(concat.getInputCount())
                        .isEqualTo(blocks.size() + artifact.pieces().size());
                List<NodeProto> slices = graph.getNodeList().stream()
                        .filter(n -> n.getOpType().equals("Slice"))
                        .toList();
                List<String> sliced = artifact.pieces().stream()
                        .filter(p -> !p.equals(PACKED))
                        .toList();
                assertThat(slices).hasSize(sliced.size());
                for (String piece : sliced) {
                    String[] bounds = piece.substring(PACKED.length() + 1).split(":");
                    NodeProto slice = producer(graph, piece);
                    assertThat(slice.getOpType()).isEqualTo("Slice");
                    assertThat(slice.getInput(0)).isEqualTo(PACKED);
                    assertThat(int64(graph, slice.getInput(1))).as("starts").isEqualTo(Long.parseLong(bounds[0]));
                    assertThat(int64(graph, slice.getInput(2))).as("ends").isEqualTo(Long.parseLong(bounds[1]));
                    assertThat(int64(graph, slice.getInput(3))).as("axes").isEqualTo(1L);
                }
                assertThat(ops(graph)).doesNotContain("Identity", "Split");
                assertNoColumnIsReferenced(graph, artifact.columns());
                List<NodeProto> rest = withoutNode(graph.getNodeList(), concat);
                rest.removeAll(slices);
                assertThat(rest).containsExactlyElementsOf(others);
            }
            case SPLIT -> {
                List<NodeProto> splits = graph.getNodeList().stream()
                        .filter(n -> n.getOpType().equals("Split"))
                        .toList();
                assertThat(splits).hasSize(1);
                NodeProto split = splits.getFirst();
                assertThat(split.getInputList()).containsExactly(PACKED);
                assertThat(split.getOutputList()).containsExactlyElementsOf(artifact.columns());
                assertThat(attribute(split, "axis")).isEqualTo(1L);
                if (artifact.splitNeedsNumOutputs()) {
                    assertThat(attribute(split, "num_outputs"))
                            .isEqualTo((long) artifact.columns().size());
                } else {
                    assertThat(split.getAttributeList().stream().map(AttributeProto::getName))
                            .containsExactly("axis");
                }
                assertThat(ops(graph)).doesNotContain("Identity", "Slice");
                assertThat(withoutNode(graph.getNodeList(), split))
                        .as("every stored node is kept as it is")
                        .containsExactlyElementsOf(stored.getNodeList());
            }
        }
        assertThat(graph.getOutputList()).isEqualTo(stored.getOutputList());
    }

    /**
     * The model loaded through the production loader gives, for a batch of real rows and for each row alone
     * (pooled single-row tensors, also from several threads at once), exactly the probabilities a session on
     * the stored artifact gives.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void scoresAsTheStoredGraph(Artifact artifact) throws Exception {
        assertScoresAsTheStoredGraph(artifact.pipeline(), artifact.onnx(), true);
    }

    /** A graph with a single float input is run as stored: same bytes, nothing packed, same probabilities. */
    @Test
    void leavesAGraphWithOneFloatInputUnchanged() throws Exception {
        ModelPipeline pipeline = linear(new Preprocessing(
                List.of(standardised("LIMIT_BAL", false), categorical("EDUCATION"), categorical("MARRIAGE"))));
        byte[] onnx = PipelineOnnxGraphs.logisticRegression(pipeline.preprocessing(), (LinearModel) pipeline.model());

        PackedInputs packing = PackedInputs.of(onnx);

        assertThat(packing.isPacked()).isFalse();
        assertThat(packing.columns()).isEmpty();
        assertThat(packing.graph()).isEqualTo(onnx);
        assertThat(packing.declared()).containsExactly("LIMIT_BAL", "EDUCATION", "MARRIAGE");
        assertScoresAsTheStoredGraph(pipeline, onnx, false);
    }

    private static void assertScoresAsTheStoredGraph(ModelPipeline pipeline, byte[] onnx, boolean packed)
            throws Exception {
        double[] expectedBatch;
        double[] expectedPair;
        double[] expectedAlone = new double[scored.size()];
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = storedSession(onnx, options)) {
            expectedBatch = run(session, scored);
            expectedPair = run(session, scored.subList(0, 2));
            for (int i = 0; i < scored.size(); i++) {
                expectedAlone[i] = run(session, List.of(scored.get(i)))[0];
            }
        }
        assertThat(IntStream.range(0, scored.size()).filter(i -> !Double.isNaN(expectedBatch[i])))
                .as("rows with a probability")
                .hasSizeGreaterThan(scored.size() * 3 / 4);
        assertThat(PackedInputs.of(onnx).isPacked()).isEqualTo(packed);
        ScoringModel model = ScoringModels.load(1, pipeline, SCHEMA, onnx);
        try {
            assertThat(model.inputs().stream().map(ScoringModel.OnnxInput::name))
                    .containsExactlyElementsOf(PackedInputs.of(onnx).declared());
            assertSameProbabilities(model.probabilities(scored), expectedBatch, "batch");
            assertSameProbabilities(model.probabilities(scored.subList(0, 2)), expectedPair, "batch of two");
            double[] alone = new double[scored.size()];
            for (int i = 0; i < scored.size(); i++) {
                alone[i] = model.probabilities(List.of(scored.get(i)))[0];
            }
            assertSameProbabilities(alone, expectedAlone, "one row at a time");

            double[] concurrent = new double[scored.size()];
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        for (int i = first; i < scored.size(); i += 3) {
                            concurrent[i] = model.probabilities(List.of(scored.get(i)))[0];
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertSameProbabilities(concurrent, expectedAlone, "one row at a time from three threads");
        } finally {
            model.closeForBenchmark();
        }
    }

    /**
     * A session on the artifact as stored, with the loader's threading (one thread: a tree ensemble summed by
     * several threads may differ in the last bit of a float).
     */
    private static OrtSession storedSession(byte[] onnx, OrtSession.SessionOptions options) throws OrtException {
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return ENV.createSession(onnx, options);
    }

    /** Same probabilities, row by row: equal, or both NaN (a linear model over a missing raw number). */
    private static void assertSameProbabilities(double[] actual, double[] expected, String how) {
        assertThat(actual).as(how).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(actual[i]).as("%s, row %d", how, i).isNaN();
            } else {
                assertThat(actual[i]).as("%s, row %d", how, i).isEqualTo(expected[i]);
            }
        }
    }

    /**
     * The probabilities of a session on the stored graph, fed one {@code [N,1]} tensor per input: NaN for a
     * missing number, the empty string for a missing category.
     */
    private static double[] run(OrtSession session, List<Map<String, Object>> rows) throws OrtException {
        int n = rows.size();
        long[] shape = {n, 1};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (var input : session.getInputInfo().entrySet()) {
                String name = input.getKey();
                TensorInfo info = (TensorInfo) input.getValue().getInfo();
                if (info.type == OnnxJavaType.STRING) {
                    String[] values = new String[n];
                    for (int i = 0; i < n; i++) {
                        Object v = rows.get(i).get(name);
                        values[i] = v == null ? "" : (String) v;
                    }
                    feed.put(name, OnnxTensor.createTensor(ENV, values, shape));
                } else {
                    assertThat(info.type).isEqualTo(OnnxJavaType.FLOAT);
                    float[] values = new float[n];
                    for (int i = 0; i < n; i++) {
                        Object v = rows.get(i).get(name);
                        values[i] = v == null ? Float.NaN : ((Double) v).floatValue();
                    }
                    feed.put(name, OnnxTensor.createTensor(ENV, FloatBuffer.wrap(values), shape));
                }
            }
            try (OrtSession.Result result = session.run(feed)) {
                FloatBuffer out = ((OnnxTensor) result.get(PipelineOutputs.PROBABILITY_OF_DEFAULT)
                                .orElseThrow())
                        .getFloatBuffer();
                double[] p = new double[n];
                for (int i = 0; i < n; i++) {
                    p[i] = out.get(i);
                }
                return p;
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static Preprocessing preprocessing(Stream<NumericInput> inputs) {
        return new Preprocessing(inputs.<InputTransform>map(i -> i).toList());
    }

    private static CategoricalInput categorical(String feature) {
        return new CategoricalInput(
                feature, SCHEMA.feature(feature).orElseThrow().categories());
    }

    /** Imputed with, centred on and scaled by the training rows' mean and standard deviation. */
    private static NumericInput standardised(String feature, boolean missingIndicator) {
        double sum = 0;
        double squares = 0;
        for (Map<String, Object> row : training) {
            double v = (Double) row.get(feature);
            sum += v;
            squares += v * v;
        }
        double mean = sum / training.size();
        double sd = Math.sqrt(Math.max(squares / training.size() - mean * mean, 1e-6));
        return new NumericInput(feature, mean, mean, sd, missingIndicator);
    }

    /** A few boosted trees fitted on the training rows, so that they split on real values. */
    private static ModelPipeline trees(Preprocessing preprocessing) throws XGBoostError {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("max_depth", 4);
        params.put("eta", 0.3);
        params.put("colsample_bynode", 0.5);
        params.put("base_score", 0.5);
        params.put("seed", 7);
        params.put("nthread", 1);
        params.put("verbosity", 0);
        return new ModelPipeline(
                SCHEMA.portfolio(),
                Algorithm.XGBOOST,
                preprocessing,
                XgboostTrees.fit(preprocessing, training, labels, params, 25),
                Map.of());
    }

    /** A logistic regression over raw numbers, each weighed by the inverse of its typical size. */
    private static ModelPipeline rawLinear(Preprocessing preprocessing) {
        List<Double> weights = new ArrayList<>();
        for (InputTransform input : preprocessing.inputs()) {
            switch (input) {
                case NumericInput n -> {
                    double size = training.stream()
                            .mapToDouble(r -> Math.abs((Double) r.get(n.feature())))
                            .average()
                            .orElseThrow();
                    weights.add((weights.size() % 2 == 0 ? 0.4 : -0.4) / (1 + size));
                }
                case CategoricalInput c -> c.categories().forEach(k -> weights.add(0.1 * (weights.size() % 7 - 3)));
            }
        }
        return withWeights(preprocessing, weights);
    }

    /** A logistic regression over standardised columns. */
    private static ModelPipeline linear(Preprocessing preprocessing) {
        List<Double> weights = new ArrayList<>();
        for (int j = 0; j < preprocessing.width(); j++) {
            weights.add(0.05 * (j % 9 - 4));
        }
        return withWeights(preprocessing, weights);
    }

    private static ModelPipeline withWeights(Preprocessing preprocessing, List<Double> weights) {
        return new ModelPipeline(
                SCHEMA.portfolio(),
                Algorithm.LOGISTIC_REGRESSION,
                preprocessing,
                new LinearModel(
                        weights.stream().mapToDouble(Double::doubleValue).toArray(), -1.3),
                Map.of());
    }

    private static byte[] withOpset(byte[] onnx, long version) throws Exception {
        ModelProto.Builder model = ModelProto.parseFrom(onnx).toBuilder();
        for (var opset : model.getOpsetImportBuilderList()) {
            if (opset.getDomain().isEmpty()) {
                opset.setVersion(version);
            }
        }
        return model.build().toByteArray();
    }

    /** The same graph with its inputs' declarations rotated left by {@code by}. */
    private static byte[] withInputsRotated(byte[] onnx, int by) throws Exception {
        ModelProto model = ModelProto.parseFrom(onnx);
        List<ValueInfoProto> inputs = new ArrayList<>(model.getGraph().getInputList());
        Collections.rotate(inputs, -by);
        return model.toBuilder()
                .setGraph(model.getGraph().toBuilder().clearInput().addAllInput(inputs))
                .build()
                .toByteArray();
    }

    private static NodeProto producer(GraphProto graph, String output) {
        List<NodeProto> producers = graph.getNodeList().stream()
                .filter(n -> n.getOutputList().contains(output))
                .toList();
        assertThat(producers).as("nodes writing %s", output).hasSize(1);
        return producers.getFirst();
    }

    private static List<String> ops(GraphProto graph) {
        return graph.getNodeList().stream().map(NodeProto::getOpType).toList();
    }

    private static void assertNoColumnIsReferenced(GraphProto graph, List<String> columns) {
        for (NodeProto node : graph.getNodeList()) {
            assertThat(node.getInputList()).as("inputs of %s", node.getOpType()).doesNotContainAnyElementsOf(columns);
            assertThat(node.getOutputList()).doesNotContainAnyElementsOf(columns);
        }
    }

    private static List<NodeProto> withoutNode(List<NodeProto> nodes, NodeProto node) {
        List<NodeProto> rest = new ArrayList<>(nodes);
        assertThat(rest.remove(node)).isTrue();
        return rest;
    }

    private static long int64(GraphProto graph, String initializer) {
        TensorProto tensor = graph.getInitializerList().stream()
                .filter(t -> t.getName().equals(initializer))
                .findFirst()
                .orElseThrow();
        assertThat(tensor.getDataType()).isEqualTo(TensorProto.DataType.INT64_VALUE);
        assertThat(tensor.getInt64DataList()).hasSize(1);
        return tensor.getInt64Data(0);
    }

    private static long attribute(NodeProto node, String name) {
        return node.getAttributeList().stream()
                .filter(a -> a.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getI();
    }
}
