package io.creditscoring.export.onnx;

/** Writes the model stage of a pipeline: the model vector {@code [N, width]} to the margin {@code [N, 1]}. */
interface ModelStageWriter {

    /**
     * @param graph the graph being written
     * @param vector name of the model vector value, float {@code [N, width]}
     * @param width columns of the model vector
     * @return name of the margin value, float {@code [N, 1]}
     */
    String writeMargin(OnnxGraphBuilder graph, String vector, int width);
}
