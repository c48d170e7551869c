package io.creditscoring.ingestion.intake;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.IdentifierRule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the fields every topic's payload shares: JSON object, applicationId, portfolio, times. A key or value
 * that was not valid UTF-8 is rejected first ({@code INVALID_ENCODING}); applicationId and portfolio must follow
 * the {@link IdentifierRule}, checked as received ({@code INVALID_IDENTIFIER}), and are trimmed afterwards.
 *
 * <p>The payload is read in one streaming pass, without a tree of the whole object: the top-level values become
 * small nodes, and a {@code features} object goes straight into the map the validator takes. Every value is still
 * read in full, so the parser's limits apply as before. A payload the pass does not take as a plain JSON object
 * (invalid JSON, another root, tokens after it) is read again as a tree, the way it always was, so that its
 * rejection and message stay what they were; both ways give the same values (duplicate names: the last wins).
 */
final class EnvelopeReader {

    private static final String FEATURES = "features";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ConsumerRecord<String, String> record;
    /** Top-level values by name, except an object {@code features}. */
    private final Map<String, JsonNode> fields;
    /** The {@code features} object's values as the validator takes them; null when it is not an object. */
    private final Map<String, Object> features;

    private String portfolio;
    private String applicationId;

    private EnvelopeReader(
            ConsumerRecord<String, String> record, Map<String, JsonNode> fields, Map<String, Object> features) {
        this.record = record;
        this.fields = fields;
        this.features = features;
    }

    /** Parses the record's value as a JSON object, or rejects it. */
    static EnvelopeReader parse(ConsumerRecord<String, String> record) {
        checkEncoding(record);
        EnvelopeReader reader = streamed(record);
        return identified(reader != null ? reader : fromTree(record));
    }

    /** As {@link #parse}, always through the tree: the reference the tests hold the streaming pass to. */
    static EnvelopeReader parseAsTree(ConsumerRecord<String, String> record) {
        checkEncoding(record);
        return identified(fromTree(record));
    }

    private static void checkEncoding(ConsumerRecord<String, String> record) {
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
    }

    private static EnvelopeReader identified(EnvelopeReader reader) {
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

    /** The streaming pass; null when the value is not a plain JSON object (or not JSON at all). */
    private static EnvelopeReader streamed(ConsumerRecord<String, String> record) {
        try (JsonParser parser = CreditJson.json().createParser(record.value())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, JsonNode> fields = HashMap.newHashMap(8);
            Map<String, Object> features = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                if (parser.nextToken() == JsonToken.START_OBJECT && name.equals(FEATURES)) {
                    features = streamedFeatures(parser);
                    fields.remove(FEATURES);
                } else {
                    fields.put(name, topLevelValue(parser));
                    if (name.equals(FEATURES)) {
                        features = null;
                    }
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
            return new EnvelopeReader(record, fields, features);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The feature values of the object the parser is at, as {@link #javaValue} makes them of a tree's nodes. */
    private static Map<String, Object> streamedFeatures(JsonParser parser) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            Object value = switch (token) {
                case VALUE_STRING -> parser.getString();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                // the tree's number nodes: Integer, Long or BigInteger by size; Double
                case VALUE_NUMBER_INT -> parser.getNumberValue();
                case VALUE_NUMBER_FLOAT ->
                    parser.getNumberTypeFP() == JsonParser.NumberTypeFP.UNKNOWN
                            ? (Object) parser.getDoubleValue()
                            : javaValue(parser.readValueAsTree());
                // objects and arrays: as the tree reads them, with the same limits
                default -> javaValue(parser.readValueAsTree());
            };
            values.put(name, value);
        }
        return values;
    }

    /**
     * A top-level value as a node: text directly (the usual case; a tree per value costs a deserialization
     * context each), anything else as the tree reads it.
     */
    private static JsonNode topLevelValue(JsonParser parser) {
        return parser.currentToken() == JsonToken.VALUE_STRING
                ? NODES.stringNode(parser.getString())
                : parser.readValueAsTree();
    }

    /** The way every payload was read before the streaming pass, for those the pass does not take. */
    private static EnvelopeReader fromTree(ConsumerRecord<String, String> record) {
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
        Map<String, JsonNode> fields = HashMap.newHashMap(root.size());
        Map<String, Object> features = null;
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(FEATURES) && field.getValue().isObject()) {
                features = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> feature : field.getValue().properties()) {
                    features.put(feature.getKey(), javaValue(feature.getValue()));
                }
            } else {
                fields.put(field.getKey(), field.getValue());
            }
        }
        return new EnvelopeReader(record, fields, features);
    }

    /** The JSON value as the validator expects it: Number, String, Boolean, null, or a Map/List marker. */
    private static Object javaValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> node.numberValue();
            case STRING -> node.stringValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            case ARRAY -> List.of();
            default -> Map.of();
        };
    }

    /** A top-level value other than an object {@code features}; null when absent. */
    JsonNode field(String name) {
        return fields.get(name);
    }

    /** The values of the {@code features} object, in payload order; null when there is no such object. */
    Map<String, Object> features() {
        return features;
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
        JsonNode node = fields.get(field);
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
        JsonNode node = fields.get(field);
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
