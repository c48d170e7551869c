package io.creditscoring.drift.events;

/**
 * A record the monitor cannot use: invalid, or for a model version it has no reference for. Never retried; the
 * record goes to the dead-letter topic with this message as its reason.
 */
public class RejectedEventException extends RuntimeException {

    private RejectedEventException(String message) {
        super(message);
    }

    public static RejectedEventException invalid(String what, String reason) {
        return new RejectedEventException("invalid " + what + ": " + reason);
    }

    public static RejectedEventException unknownModelVersion(String portfolio, int version) {
        return new RejectedEventException("unknown model version " + version + " of portfolio '" + portfolio
                + "': no registered model version with a reference sample");
    }
}
