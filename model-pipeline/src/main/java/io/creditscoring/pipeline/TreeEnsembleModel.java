package io.creditscoring.pipeline;

import java.util.List;

/**
 * A boosted tree ensemble (XGBoost binary:logistic): margin = {@code baseMargin + sum of every tree's leaf}.
 *
 * @param trees every tree, in boosting order
 * @param baseMargin the starting margin: logit of XGBoost's {@code base_score}
 */
public record TreeEnsembleModel(List<Tree> trees, double baseMargin) implements ModelSpec {

    public TreeEnsembleModel {
        trees = List.copyOf(trees);
    }
}
