package io.creditscoring.training.dataset;

/** The labelled rows of a portfolio are too few, or all of one class, to train on. */
public class InsufficientDataException extends RuntimeException {

    private InsufficientDataException(String message) {
        super(message);
    }

    public static InsufficientDataException of(String portfolio, int rows, int defaults, int minRows, int minPerClass) {
        return new InsufficientDataException("portfolio '" + portfolio + "' has " + rows + " labelled rows ("
                + defaults + " defaults, " + (rows - defaults) + " non-defaults); training needs at least "
                + minRows + " labelled rows and " + minPerClass + " of each class");
    }
}
