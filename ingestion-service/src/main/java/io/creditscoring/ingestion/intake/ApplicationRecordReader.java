package io.creditscoring.ingestion.intake;

import io.creditscoring.ingestion.validation.FeatureValidation;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
import java.time.Instant;
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
        if (envelope.features() != null) {
            return envelope.features();
        }
        JsonNode features = envelope.field("features");
        if (features == null || features.isNull()) {
            return Map.of();
        }
        throw envelope.reject(
                RejectionReason.WRONG_TYPE, "features", "expects an object but got " + features.getNodeType());
    }
}
