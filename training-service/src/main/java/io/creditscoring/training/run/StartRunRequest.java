package io.creditscoring.training.run;

import java.util.List;
import java.util.Map;

/**
 * The optional body of {@code POST /v1/portfolios/{portfolio}/training-runs}.
 *
 * @param algorithms which algorithms to train (all three when absent)
 * @param params hyper-parameter overrides by flat name, for example {@code {"xgboost.maxDepth": 5}}
 * @param engine {@code local} or {@code spark}; absent: the portfolio's default engine ({@code training.engine})
 */
public record StartRunRequest(List<String> algorithms, Map<String, Object> params, String engine) {

    public StartRunRequest(List<String> algorithms, Map<String, Object> params) {
        this(algorithms, params, null);
    }
}
