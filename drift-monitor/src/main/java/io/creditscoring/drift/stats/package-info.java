/**
 * The statistics behind drift detection, free of Spring and I/O: the two-sample tests Evidently uses by default
 * (Kolmogorov-Smirnov, chi-square, two-proportion Z, normalised Wasserstein distance, Jensen-Shannon distance),
 * the test choice rules, the population stability index, and discrimination metrics for matured outcomes.
 * Every test's numbers are compared with scipy's in golden tests (see {@code src/test/resources/golden}).
 */
package io.creditscoring.drift.stats;
