package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XgboostJsonTreesTest {

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

        var model = XgboostJsonTrees.read(json, 2).model();

        assertThat(model.get("trees").get(0).get("leafValue").get(0).asDouble()).isEqualTo((double) -0.032573324f);
    }
}
