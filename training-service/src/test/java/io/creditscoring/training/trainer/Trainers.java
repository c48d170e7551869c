package io.creditscoring.training.trainer;

import java.util.List;

/** The three trainers outside Spring (they are package-private components), simplest first. */
public final class Trainers {

    private Trainers() {}

    public static List<ModelTrainer> all() {
        return List.of(new LogisticRegressionTrainer(), new XgboostTrainer(), new NeuralNetworkTrainer());
    }
}
