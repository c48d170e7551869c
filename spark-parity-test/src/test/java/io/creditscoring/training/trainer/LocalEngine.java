package io.creditscoring.training.trainer;

import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.dataset.LocalTrainingSets;
import io.creditscoring.training.dataset.TrainingSet;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.PreprocessingFitter;
import io.creditscoring.training.settings.RunSettings;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The local engine's steps 1-5, with its own classes and its default settings (bound from {@code training.*} with
 * nothing set, as the service would): read, split, fit the preprocessing, fit logistic regression and XGBoost.
 */
public final class LocalEngine {

    private LocalEngine() {}

    /** What the local engine produced. */
    public record LocalRun(
            RunSettings settings,
            TrainingSet set,
            DataSplit split,
            FittedPreprocessing preprocessing,
            FittedModel lr,
            FittedModel xgboost) {}

    public static RunSettings defaultSettings() {
        TrainingProperties defaults =
                new Binder(new MapConfigurationPropertySource()).bindOrCreate("training", TrainingProperties.class);
        return RunSettings.of(defaults, Map.of());
    }

    public static LocalRun train(DataSource dataSource, PortfolioSchema schema) {
        RunSettings settings = defaultSettings();
        TrainingSet set = LocalTrainingSets.read(dataSource, schema, 2000);
        DataSplit split = DatasetSplitter.split(set.rows(), settings.split(), settings.seed());
        FittedPreprocessing preprocessing = PreprocessingFitter.fit(schema, split.train(), settings.preprocessing());
        PreparedData data = new PreparedData(schema, split, preprocessing, settings);
        FittedModel lr = new LogisticRegressionTrainer().fit(data);
        FittedModel xgboost = new XgboostTrainer().fit(data);
        return new LocalRun(settings, set, split, preprocessing, lr, xgboost);
    }
}
