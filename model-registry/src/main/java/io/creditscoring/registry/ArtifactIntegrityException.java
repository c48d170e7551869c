package io.creditscoring.registry;

/** The stored artifact's bytes no longer hash to the sha256 recorded when it was registered. */
public class ArtifactIntegrityException extends RuntimeException {

    private ArtifactIntegrityException(String message) {
        super(message);
    }

    public static ArtifactIntegrityException of(String portfolio, int version, String expected, String actual) {
        return new ArtifactIntegrityException("artifact of " + portfolio + " version " + version + " has sha256 "
                + actual + " but " + expected + " was registered");
    }
}
