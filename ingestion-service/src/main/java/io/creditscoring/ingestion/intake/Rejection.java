package io.creditscoring.ingestion.intake;

import io.creditscoring.ingestion.validation.FeatureViolation;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that will not be stored, with every fault found; the first fault names the reason.
 *
 * @param source the record as consumed
 * @param portfolio the portfolio it names, when it could be read
 * @param applicationId the application id it names, when it could be read
 * @param faults every fault, at least one
 */
record Rejection(ConsumerRecord<String, String> source, String portfolio, String applicationId, List<Fault> faults) {

    /** One fault: the field and the rule it broke. */
    record Fault(String field, RejectionReason reason, String message) {}

    Rejection {
        faults = List.copyOf(faults);
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one fault");
        }
    }

    static Rejection of(
            ConsumerRecord<String, String> source,
            String portfolio,
            String applicationId,
            RejectionReason reason,
            String field,
            String message) {
        return new Rejection(source, portfolio, applicationId, List.of(new Fault(field, reason, message)));
    }

    static Rejection ofFeatures(
            ConsumerRecord<String, String> source,
            String portfolio,
            String applicationId,
            List<FeatureViolation> violations) {
        return new Rejection(
                source,
                portfolio,
                applicationId,
                violations.stream()
                        .map(v -> new Fault(v.field(), RejectionReason.of(v.rule()), v.message()))
                        .toList());
    }

    Fault first() {
        return faults.getFirst();
    }

    RejectionReason reason() {
        return first().reason();
    }
}
