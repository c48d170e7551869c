package io.creditscoring.pipeline;

/** Activation function of a dense layer. */
public enum Activation {
    LINEAR,
    RELU,
    TANH,
    SIGMOID
}
