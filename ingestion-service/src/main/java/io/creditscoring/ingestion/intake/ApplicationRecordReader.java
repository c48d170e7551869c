package io.creditscoring.ingestion.intake;

import io.creditscoring.ingestion.validation.FeatureValidation;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Reads a {@code credit.applications} record and checks its features against the portfolio's schema. */
@Component
class ApplicationRecordReader {

    /**
     * @throws RecordRejectedException when the record cannot be stored
     */
    ApplicationRow read(ConsumerRecord<String, String> record, SchemaLookup.ForBatch schemas) {
        EnvelopeReader envelope = EnvelopeReader.parse(record);
        Instant submittedAt = envelope.optionalTime("submittedAt");
        Map<String, Object> raw = rawFeatures(envelope);
        SchemaLookup.Versioned schema =
                schemas.find(envelope.portfolio()).orElseThrow(envelope::rejectUnknownPortfolio);
        FeatureValidation validation = schema.validator().validate(raw);
        if (!validation.isValid()) {
            throw new RecordRejectedException(Rejection.ofFeatures(
                    record, envelope.portfolio(), envelope.applicationId(), validation.violations()));
        }
        String featuresJson = CreditJson.json().writeValueAsString(validation.cleaned());
        return new ApplicationRow(
                envelope.portfolio(),
                envelope.applicationId(),
                submittedAt,
                featuresJson,
                schema.version(),
                Sha256.hex(featuresJson),
                record);
    }

    private static Map<String, Object> rawFeatures(EnvelopeReader envelope) {
        JsonNode features = envelope.root().get("features");
        if (features == null || features.isNull()) {
            return Map.of();
        }
        if (!features.isObject()) {
            throw envelope.reject(
                    RejectionReason.WRONG_TYPE, "features", "expects an object but got " + features.getNodeType());
        }
        Map<String, Object> raw = LinkedHashMap.newLinkedHashMap(features.size());
        for (Map.Entry<String, JsonNode> entry : features.properties()) {
            raw.put(entry.getKey(), javaValue(entry.getValue()));
        }
        return raw;
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
}
