package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NeuralNetworkModel;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Explains one score: how much each model-input feature moved the margin (log-odds of default) away from a
 * reference, positive meaning it raised the risk. The method depends on the model family:
 *
 * <ul>
 *   <li>logistic regression: the exact linear terms {@link LinearContributions};
 *   <li>XGBoost: exact TreeSHAP over the exported trees from tables built at load, {@link FastTreeShap} (with the
 *       walk of {@link TreeShap} for trees too deep for tables);
 *   <li>neural network: occlusion against the training medians on the ONNX session, {@link Occlusion}.
 * </ul>
 */
public interface ReasonExplainer {

    /** The features explained, in pipeline order; {@link #contributions} answers in this order. */
    List<String> features();

    /** Each feature's contribution to the margin of a validated, normalised feature row. */
    double[] contributions(Map<String, Object> row);

    /**
     * The explainer for a pipeline.
     *
     * @param onnx the model version's ONNX session as a function from rows to probabilities, for the
     *     model-agnostic method
     */
    static ReasonExplainer forPipeline(
            ModelPipeline pipeline,
            PipelineEvaluator evaluator,
            Function<List<? extends Map<String, Object>>, double[]> onnx) {
        return switch (pipeline.model()) {
            case LinearModel linear -> new LinearContributions(pipeline.preprocessing(), evaluator, linear);
            case TreeEnsembleModel trees -> new FastTreeShap(pipeline.preprocessing(), evaluator, trees);
            case NeuralNetworkModel ignored -> new Occlusion(pipeline.preprocessing(), onnx);
        };
    }

    /** For each model-vector column, the index of the pipeline input (feature) that wrote it. */
    static int[] columnOwners(List<InputTransform> inputs, int width) {
        int[] owners = new int[width];
        int at = 0;
        for (int i = 0; i < inputs.size(); i++) {
            int columns = inputs.get(i).width();
            for (int k = 0; k < columns; k++) {
                owners[at++] = i;
            }
        }
        return owners;
    }
}
