package io.creditscoring.model.events;

/**
 * Kafka topic names. Dead letters go to {@code <topic>.DLT}; spring-kafka 4's own default is {@code <topic>-dlt},
 * so every dead-letter recoverer names its destination with {@link #deadLetter(String)} (platform-kafka's
 * {@code DeadLetters} builds them).
 */
public final class Topics {

    public static final String APPLICATIONS = "credit.applications";
    public static final String OUTCOMES = "credit.outcomes";
    public static final String SCORING_EVENTS = "credit.scoring-events";
    public static final String TRAINING_COMMANDS = "credit.training-commands";
    public static final String MODEL_EVENTS = "credit.model-events";

    /** Suffix of dead-letter topics. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
