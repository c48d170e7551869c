package io.creditscoring.training.run;

import java.util.List;
import java.util.Map;

/**
 * The optional body of {@code POST /v1/portfolios/{portfolio}/training-runs}.
 *
 * @param algorithms which algorithms to train (all three when absent)
 * @param params hyper-parameter overrides by flat name, for example {@code {"xgboost.maxDepth": 5}}
 */
public record StartRunRequest(List<String> algorithms, Map<String, Object> params) {}
