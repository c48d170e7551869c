package io.creditscoring.training.preprocess;

import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.Vectorizer;
import java.util.List;
import java.util.Map;

/**
 * Applies a fitted {@link Preprocessing} to rows with model-pipeline's {@link Vectorizer}, the same code the
 * exported pipeline's reference evaluator runs, so that the trainers learn on the very vectors the exported pipeline
 * will compute.
 */
public final class ModelVectorizer {

    private ModelVectorizer() {}

    public static double[] vector(Preprocessing preprocessing, Map<String, ?> row) {
        return new Vectorizer(preprocessing).vector(row);
    }

    public static double[][] matrix(Preprocessing preprocessing, List<? extends Map<String, ?>> rows) {
        return new Vectorizer(preprocessing).matrix(rows);
    }
}
