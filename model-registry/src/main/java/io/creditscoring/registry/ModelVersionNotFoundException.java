package io.creditscoring.registry;

/** The portfolio has no model version with that number. */
public class ModelVersionNotFoundException extends RuntimeException {

    private ModelVersionNotFoundException(String message) {
        super(message);
    }

    public static ModelVersionNotFoundException of(String portfolio, int version) {
        return new ModelVersionNotFoundException("portfolio '" + portfolio + "' has no model version " + version);
    }
}
