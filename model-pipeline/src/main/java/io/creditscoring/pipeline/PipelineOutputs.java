package io.creditscoring.pipeline;

/**
 * The names of a pipeline's outputs in its exported artifacts: the ONNX graph's outputs and the PMML document's
 * output fields. Exporters write them and scoring reads them, so they are spelled here once.
 */
public final class PipelineOutputs {

    /** The probability of default, one per row. */
    public static final String PROBABILITY_OF_DEFAULT = "probability_of_default";

    /** The log-odds of default, one per row. */
    public static final String MARGIN = "margin";

    private PipelineOutputs() {}
}
