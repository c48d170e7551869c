package io.creditscoring.training.run;

import java.util.Optional;

/**
 * The hook called for each model of a run after its evaluation: the place where the ONNX export, the parity gate and
 * the registry write plug in. Every {@code ModelPublisher} bean is called, in order; without any, a run only
 * tracks its models (model versions stay null).
 *
 * <p>A publisher that throws fails the run with its message as the failure reason (for example a parity gate that
 * finds the ONNX export disagreeing with the in-JVM model).
 */
public interface ModelPublisher {

    /** Publishes one model; answers what was published, or {@link PublishedModel#NOT_PUBLISHED}. */
    PublishedModel publish(TrainedModel model);

    /**
     * Called once per run, after model selection, with the selected model and what this publisher made of it:
     * the place for the promotion policy. Answers what was decided and why, recorded with the run; nothing by
     * default.
     */
    default Optional<String> selected(TrainedModel model, PublishedModel published) {
        return Optional.empty();
    }

    /**
     * What a publisher made of a model.
     *
     * @param modelVersion the registry version, or null
     * @param onnxParityMaxAbsDiff the largest |ONNX - JVM| probability difference on the test split, or null
     */
    record PublishedModel(Integer modelVersion, Double onnxParityMaxAbsDiff) {

        public static final PublishedModel NOT_PUBLISHED = new PublishedModel(null, null);
    }
}
