package io.creditscoring.training.dataset;

import io.creditscoring.model.portfolio.PortfolioSchema;
import javax.sql.DataSource;

/** The local engine's own reader of the training set (its constructor is package-private: Spring builds it). */
public final class LocalTrainingSets {

    private LocalTrainingSets() {}

    public static TrainingSet read(DataSource dataSource, PortfolioSchema schema, int fetchSize) {
        return new TrainingSetReader(dataSource).read(schema, fetchSize);
    }
}
