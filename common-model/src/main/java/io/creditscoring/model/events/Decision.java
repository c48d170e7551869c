package io.creditscoring.model.events;

/** The credit decision derived from the probability of default and the portfolio's cut-offs. */
public enum Decision {
    APPROVE,
    REFER,
    DECLINE
}
