package io.creditscoring.pipeline;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The model stage of a pipeline: maps the model vector to a margin (log-odds of default); the probability of
 * default is the logistic function of the margin.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LinearModel.class, name = "linear"),
    @JsonSubTypes.Type(value = TreeEnsembleModel.class, name = "treeEnsemble"),
    @JsonSubTypes.Type(value = NeuralNetworkModel.class, name = "neuralNetwork")
})
public sealed interface ModelSpec permits LinearModel, TreeEnsembleModel, NeuralNetworkModel {}
