package io.creditscoring.ingestion.intake;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.IdentifierRule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields every topic's payload shares: JSON object, applicationId, portfolio, times. A key or value
 * that was not valid UTF-8 is rejected first ({@code INVALID_ENCODING}); applicationId and portfolio must follow
 * the {@link IdentifierRule}, checked as received ({@code INVALID_IDENTIFIER}), and are trimmed afterwards.
 */
final class EnvelopeReader {

    private final ConsumerRecord<String, String> record;
    private final JsonNode root;
    private String portfolio;
    private String applicationId;

    private EnvelopeReader(ConsumerRecord<String, String> record, JsonNode root) {
        this.record = record;
        this.root = root;
    }

    /** Parses the record's value as a JSON object, or rejects it. */
    static EnvelopeReader parse(ConsumerRecord<String, String> record) {
        Optional<String> keyFailure = UndecodedBytes.failure(record, true);
        if (keyFailure.isPresent()) {
            throw reject(record, null, null, RejectionReason.INVALID_ENCODING, "key", "the key is " + keyFailure.get());
        }
        if (record.value() == null) {
            Optional<String> valueFailure = UndecodedBytes.failure(record, false);
            throw valueFailure.isPresent()
                    ? reject(
                            record,
                            null,
                            null,
                            RejectionReason.INVALID_ENCODING,
                            "$",
                            "the value is " + valueFailure.get())
                    : reject(record, null, null, RejectionReason.UNPARSEABLE_JSON, "$", "the record has no value");
        }
        JsonNode root;
        try {
            root = CreditJson.json().readTree(record.value());
        } catch (JacksonException e) {
            throw reject(
                    record,
                    null,
                    null,
                    RejectionReason.UNPARSEABLE_JSON,
                    "$",
                    "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw reject(record, null, null, RejectionReason.WRONG_TYPE, "$", "expects a JSON object");
        }
        EnvelopeReader reader = new EnvelopeReader(record, root);
        reader.portfolio = reader.optionalIdentifier("portfolio", IdentifierRule.PORTFOLIO);
        reader.applicationId = reader.optionalIdentifier("applicationId", IdentifierRule.APPLICATION_ID);
        if (reader.applicationId == null) {
            throw reader.reject(RejectionReason.MISSING_FIELD, "applicationId", "is required but missing");
        }
        if (reader.portfolio == null) {
            throw reader.reject(RejectionReason.MISSING_FIELD, "portfolio", "is required but missing");
        }
        return reader;
    }

    JsonNode root() {
        return root;
    }

    String portfolio() {
        return portfolio;
    }

    String applicationId() {
        return applicationId;
    }

    /**
     * An identifier field, checked against the rule as received and then trimmed; integral numbers are accepted as
     * text; null when absent, null or blank.
     */
    private String optionalIdentifier(String field, IdentifierRule rule) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String text;
        if (node.isString()) {
            text = node.stringValue();
        } else if (node.isIntegralNumber()) {
            text = node.asString();
        } else {
            throw reject(RejectionReason.WRONG_TYPE, field, "expects text but got " + node.getNodeType());
        }
        // control characters first: trimming would drop those at the ends
        Optional<String> fault = IdentifierRule.textFault(text);
        String trimmed = text.trim();
        if (fault.isEmpty() && !trimmed.isEmpty()) {
            fault = rule.fault(trimmed);
        }
        if (fault.isPresent()) {
            throw reject(RejectionReason.INVALID_IDENTIFIER, field, fault.get());
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** An optional ISO-8601 time (with zone or offset). */
    Instant optionalTime(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw reject(RejectionReason.WRONG_TYPE, field, "expects an ISO-8601 time but got " + node.getNodeType());
        }
        String text = node.stringValue().trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw reject(
                        RejectionReason.WRONG_TYPE,
                        field,
                        "expects an ISO-8601 time but got " + IdentifierRule.printable(text));
            }
        }
    }

    RecordRejectedException reject(RejectionReason reason, String field, String message) {
        return reject(record, portfolio, applicationId, reason, field, message);
    }

    RecordRejectedException rejectUnknownPortfolio() {
        return reject(
                RejectionReason.UNKNOWN_PORTFOLIO,
                "portfolio",
                "unknown portfolio " + IdentifierRule.printable(portfolio));
    }

    static RecordRejectedException reject(
            ConsumerRecord<String, String> record,
            String portfolio,
            String applicationId,
            RejectionReason reason,
            String field,
            String message) {
        return new RecordRejectedException(Rejection.of(record, portfolio, applicationId, reason, field, message));
    }
}
