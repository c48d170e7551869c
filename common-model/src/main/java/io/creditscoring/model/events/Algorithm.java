package io.creditscoring.model.events;

/** The model families the platform trains. */
public enum Algorithm {
    LOGISTIC_REGRESSION,
    XGBOOST,
    NEURAL_NETWORK
}
