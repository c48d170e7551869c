package io.creditscoring.model.portfolio;

/**
 * The outcome column of a portfolio's data and the value in it that means "defaulted".
 *
 * @param column the column holding the outcome in imported files
 * @param positive the value (as written in the file) that marks a default
 */
public record TargetSpec(String column, String positive) {}
