package io.creditscoring.pipeline;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The last stage of a calibrated pipeline: maps the model's margin to the probability of default, in place of the
 * plain logistic function, so that predicted probabilities match observed default rates. Fitted by training on
 * out-of-fold predictions; the ONNX graph carries it, so scoring serves calibrated probabilities.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = PlattScaling.class, name = "platt")})
public sealed interface Calibration permits PlattScaling {

    /** The calibrated probability of default for a model margin. */
    double probability(double margin);
}
