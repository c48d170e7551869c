package io.creditscoring.ingestion.intake;

import io.creditscoring.model.CreditJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads the fields every topic's payload shares: JSON object, applicationId, portfolio, times. */
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
        if (record.value() == null) {
            throw reject(record, null, null, RejectionReason.UNPARSEABLE_JSON, "$", "the record has no value");
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
        reader.portfolio = reader.optionalText("portfolio");
        reader.applicationId = reader.optionalText("applicationId");
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

    /** A text field, trimmed; integral numbers are accepted as text; null when absent, null or blank. */
    private String optionalText(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            String text = node.stringValue().trim();
            return text.isEmpty() ? null : text;
        }
        if (node.isIntegralNumber()) {
            return node.asString();
        }
        throw reject(RejectionReason.WRONG_TYPE, field, "expects text but got " + node.getNodeType());
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
                throw reject(RejectionReason.WRONG_TYPE, field, "expects an ISO-8601 time but got '" + text + "'");
            }
        }
    }

    RecordRejectedException reject(RejectionReason reason, String field, String message) {
        return reject(record, portfolio, applicationId, reason, field, message);
    }

    RecordRejectedException rejectUnknownPortfolio() {
        return reject(RejectionReason.UNKNOWN_PORTFOLIO, "portfolio", "unknown portfolio '" + portfolio + "'");
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

    static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
