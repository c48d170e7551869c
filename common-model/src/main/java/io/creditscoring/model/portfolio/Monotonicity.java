package io.creditscoring.model.portfolio;

/** How the risk of default moves as a numeric feature grows; trainers turn this into monotone constraints. */
public enum Monotonicity {
    INCREASING,
    DECREASING
}
