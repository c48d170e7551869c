package io.creditscoring.training.settings;

/** A run parameter (override) that cannot be used; names the parameter. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super("parameter '" + parameter + "': " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
