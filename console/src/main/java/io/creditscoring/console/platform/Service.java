package io.creditscoring.console.platform;

/** The four services the console reads from and acts through. */
public enum Service {
    SCORING("scoring-api"),
    INGESTION("ingestion-service"),
    TRAINING("training-service"),
    DRIFT("drift-monitor");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
