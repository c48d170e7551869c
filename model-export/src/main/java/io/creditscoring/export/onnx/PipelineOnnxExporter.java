package io.creditscoring.export.onnx;

import static io.creditscoring.export.onnx.PreprocessingOnnxWriter.finiteFloat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.Calibration;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NeuralNetworkModel;
import io.creditscoring.pipeline.PipelineOutputs;
import io.creditscoring.pipeline.PlattScaling;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports a whole {@link ModelPipeline} as one ONNX graph: raw feature values in, probability of default out.
 *
 * <p>Format (documented for readers of the artifact in docs/model-artifacts.md): IR version 8, opsets ai.onnx 17
 * and ai.onnx.ml 3. One input per raw feature, named after it: float {@code [N,1]} for numeric features (NaN =
 * missing), string {@code [N,1]} for categorical ones (empty or unknown = all zeros). Outputs {@code
 * probability_of_default} float {@code [N]} and {@code margin} float {@code [N]} (the model's log-odds; when the
 * pipeline is calibrated, the probability is {@code Sigmoid(slope * margin + intercept)}, Platt scaling, and the
 * margin output stays the model's own, the quantity reason codes explain). Metadata: the
 * pipeline's own metadata entries, then the keys of {@link ArtifactMetadata}, which win on a clash.
 *
 * <p>The model stage is written by {@link LogisticRegressionOnnxExporter}, {@link XgboostOnnxExporter} or
 * {@link NeuralNetworkOnnxExporter}; preprocessing by {@link PreprocessingOnnxWriter}. Works from the pipeline's
 * numbers only: no training library types. Thread-safe (stateless).
 */
public final class PipelineOnnxExporter {

    public static final long IR_VERSION = 8;
    public static final long ONNX_OPSET = 17;
    public static final long ONNX_ML_OPSET = 3;

    /**
     * Exports a pipeline.
     *
     * @param pipeline the fitted pipeline
     * @param modelVersion the registry version the artifact will have
     * @param schemaVersion the catalog version of the portfolio schema it was trained on
     * @return the serialized ONNX model
     */
    public byte[] export(ModelPipeline pipeline, int modelVersion, int schemaVersion) {
        return export(pipeline, modelVersion, schemaVersion, Map.of());
    }

    /**
     * Exports a pipeline with more metadata entries (for example metrics measured after fitting); they are
     * written after the pipeline's metadata and before the fixed keys.
     */
    public byte[] export(
            ModelPipeline pipeline, int modelVersion, int schemaVersion, Map<String, String> extraMetadata) {
        return toModel(pipeline, modelVersion, schemaVersion, extraMetadata).toByteArray();
    }

    ModelProto toModel(ModelPipeline pipeline, int modelVersion, int schemaVersion, Map<String, String> extra) {
        ModelStageWriter stage = stageFor(pipeline);
        OnnxGraphBuilder graph =
                new OnnxGraphBuilder(pipeline.portfolio() + "-" + pipeline.algorithm() + "-v" + modelVersion);
        graph.reserve(PipelineOutputs.PROBABILITY_OF_DEFAULT);
        graph.reserve(PipelineOutputs.MARGIN);
        String vector = PreprocessingOnnxWriter.write(graph, pipeline.preprocessing());
        String margin =
                stage.writeMargin(graph, vector, pipeline.preprocessing().width());

        String flat = graph.longs("shape", new long[] {-1}, 1);
        graph.node("", "Reshape", List.of(margin, flat), PipelineOutputs.MARGIN);
        String probability = graph.node("Sigmoid", List.of(calibrated(graph, margin, pipeline.calibration())));
        graph.node("", "Reshape", List.of(probability, flat), PipelineOutputs.PROBABILITY_OF_DEFAULT);
        graph.output(
                PipelineOutputs.PROBABILITY_OF_DEFAULT,
                TensorProto.DataType.FLOAT,
                List.of(OnnxGraphBuilder.BATCH_DIM));
        graph.output(PipelineOutputs.MARGIN, TensorProto.DataType.FLOAT, List.of(OnnxGraphBuilder.BATCH_DIM));

        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(ArtifactMetadata.PRODUCER)
                .setProducerVersion(ArtifactMetadata.FORMAT)
                .setDomain("io.creditscoring")
                .setModelVersion(modelVersion)
                .setDocString("Credit-scoring pipeline of portfolio " + pipeline.portfolio() + ", "
                        + pipeline.algorithm() + ", version " + modelVersion
                        + ": raw features to probability of default.")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(ONNX_OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder()
                        .setDomain(OnnxGraphBuilder.ML_DOMAIN)
                        .setVersion(ONNX_ML_OPSET))
                .setGraph(graph.build());
        metadata(pipeline, modelVersion, schemaVersion, extra)
                .forEach((k, v) -> model.addMetadataProps(
                        StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    /**
     * The log-odds the probability is the logistic function of: the margin itself, or under Platt scaling {@code
     * slope * margin + intercept}.
     */
    private static String calibrated(OnnxGraphBuilder graph, String margin, Calibration calibration) {
        return switch (calibration) {
            case null -> margin;
            case PlattScaling platt -> {
                String slope = graph.floats(
                        "calibration_slope", new float[] {finiteFloat(platt.slope(), "calibration slope")}, 1);
                String intercept = graph.floats(
                        "calibration_intercept",
                        new float[] {finiteFloat(platt.intercept(), "calibration intercept")},
                        1);
                yield graph.node("Add", List.of(graph.node("Mul", List.of(margin, slope)), intercept));
            }
        };
    }

    static Map<String, String> metadata(
            ModelPipeline pipeline, int modelVersion, int schemaVersion, Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>(new TreeMap<>(pipeline.metadata()));
        new TreeMap<>(extra).forEach(out::put);
        out.putAll(ArtifactMetadata.fixedKeys(pipeline, modelVersion, schemaVersion));
        return out;
    }

    private static ModelStageWriter stageFor(ModelPipeline pipeline) {
        Algorithm expected = switch (pipeline.model()) {
            case LinearModel ignored -> Algorithm.LOGISTIC_REGRESSION;
            case TreeEnsembleModel ignored -> Algorithm.XGBOOST;
            case NeuralNetworkModel ignored -> Algorithm.NEURAL_NETWORK;
        };
        if (pipeline.algorithm() != expected) {
            throw new IllegalArgumentException(
                    "pipeline of portfolio " + pipeline.portfolio() + " says " + pipeline.algorithm() + " but holds a "
                            + pipeline.model().getClass().getSimpleName());
        }
        return switch (pipeline.model()) {
            case LinearModel linear -> new LogisticRegressionOnnxExporter(linear);
            case TreeEnsembleModel trees -> new XgboostOnnxExporter(trees);
            case NeuralNetworkModel network -> new NeuralNetworkOnnxExporter(network);
        };
    }
}
