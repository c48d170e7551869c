package io.creditscoring.training.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XgboostJsonModelReaderTest {

    /** A stump on column 1 (x < 2.5 left, missing right), written the way xgboost 3.x or 2.x writes it. */
    private static byte[] model(String baseScore, String defaultLeft) {
        return ("""
                {"learner": {
                  "learner_model_param": {"base_score": "%s", "num_class": "0", "num_feature": "2", "num_target": "1"},
                  "objective": {"name": "binary:logistic"},
                  "gradient_booster": {"name": "gbtree", "model": {"trees": [{
                    "id": 0,
                    "left_children": [1, -1, -1], "right_children": [2, -1, -1],
                    "split_indices": [1, 0, 0], "split_conditions": [2.5, -0.1, 0.2],
                    "base_weights": [0.05, -0.1, 0.2], "default_left": %s,
                    "sum_hessian": [10.0, 6.0, 4.0], "loss_changes": [3.5, 0.0, 0.0],
                    "split_type": [0, 0, 0]
                  }]}}
                }, "version": [3, 0, 4]}
                """).formatted(baseScore, defaultLeft).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBaseScoreInBothSpellingsAsTheLogitOfIt() {
        double expected = Math.log(0.55 / 0.45);
        assertThat(XgboostJsonModelReader.read(model("[5.5E-1]", "[0, 0, 0]"), 2)
                        .model()
                        .baseMargin())
                .isCloseTo(expected, within(1e-12));
        assertThat(XgboostJsonModelReader.read(model("5.5E-1", "[0, 0, 0]"), 2)
                        .model()
                        .baseMargin())
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void readsTreesWithLeavesThresholdsDefaultsCoverAndGain() {
        XgboostJsonModelReader.Result result = XgboostJsonModelReader.read(model("[5E-1]", "[false, true, false]"), 2);
        TreeEnsembleModel ensemble = result.model();
        Tree tree = ensemble.trees().getFirst();

        assertThat(ensemble.baseMargin()).isZero();
        assertThat(tree.featureIndex()[0]).isEqualTo(1);
        assertThat(tree.threshold()[0]).isEqualTo(2.5);
        assertThat(tree.defaultLeft()[0]).isFalse();
        assertThat(tree.isLeaf(1)).isTrue();
        assertThat(tree.leafValue()[1]).isEqualTo((double) (float) -0.1);
        assertThat(tree.leafValue()[2]).isEqualTo((double) (float) 0.2);
        assertThat(tree.cover()).containsExactly(10.0, 6.0, 4.0);
        assertThat(result.totalGain()).containsExactly(0.0, 3.5);
    }

    @Test
    void aTreeThatCouldNotSplitIsWorthItsLeafValueNotItsWeightBeforeTheLearningRate() {
        // what xgboost writes for a root-only tree at eta 0.05: base_weights is 1/eta times the value it predicts
        byte[] json = """
                {"learner": {
                  "learner_model_param": {"base_score": "5E-1", "num_class": "0", "num_feature": "2", "num_target": "1"},
                  "objective": {"name": "binary:logistic"},
                  "gradient_booster": {"name": "gbtree", "model": {"trees": [{
                    "id": 0, "left_children": [-1], "right_children": [-1], "split_indices": [0],
                    "split_conditions": [-0.032573324], "base_weights": [-0.6514664], "default_left": [0],
                    "sum_hessian": [96.0], "loss_changes": [0.0], "split_type": [0]
                  }]}}
                }, "version": [3, 4, 0]}
                """.getBytes(StandardCharsets.UTF_8);

        var tree = XgboostJsonModelReader.read(json, 2).model().trees().getFirst();

        assertThat(tree.leafValue()[0]).isEqualTo((double) -0.032573324f);
    }

    @Test
    void rejectsASplitOnAColumnTheVectorDoesNotHave() {
        assertThatThrownBy(() -> XgboostJsonModelReader.read(model("[5E-1]", "[0, 0, 0]"), 1))
                .hasMessageContaining("column 1");
    }

    @Test
    void rejectsAnImpossibleBaseScore() {
        assertThatThrownBy(() -> XgboostJsonModelReader.parseBaseScore("[1.5E0]"))
                .hasMessageContaining("1.5E0");
    }
}
