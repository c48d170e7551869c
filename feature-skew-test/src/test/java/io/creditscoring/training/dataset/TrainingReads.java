package io.creditscoring.training.dataset;

import io.creditscoring.model.portfolio.PortfolioSchema;
import java.util.Map;

/** The training set reader's reading of a stored features document, for the skew test. */
public final class TrainingReads {

    private TrainingReads() {}

    public static Map<String, Object> storedFeatures(String featuresJson, PortfolioSchema schema) {
        return TrainingSetReader.parse(featuresJson, schema.features());
    }
}
