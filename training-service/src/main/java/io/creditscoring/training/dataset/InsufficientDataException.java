package io.creditscoring.training.dataset;

/** The labelled rows of a portfolio are too few, or all of one class, to train on. */
public class InsufficientDataException extends RuntimeException {

    private InsufficientDataException(String message) {
        super(message);
    }

    public static InsufficientDataException of(String portfolio, int rows, int defaults, int minRows, int minPerClass) {
        return of(portfolio, rows, defaults, minRows, minPerClass, null);
    }

    /** The same, for the rows of a training window (null: every labelled row). */
    public static InsufficientDataException of(
            String portfolio, int rows, int defaults, int minRows, int minPerClass, TrainingWindow window) {
        return new InsufficientDataException("portfolio '" + portfolio + "' has " + rows + " labelled rows ("
                + defaults + " defaults, " + (rows - defaults) + " non-defaults)"
                + (window == null ? "" : " with " + window + " (training.window.retrains)")
                + "; training needs at least " + minRows + " labelled rows and " + minPerClass + " of each class");
    }
}
