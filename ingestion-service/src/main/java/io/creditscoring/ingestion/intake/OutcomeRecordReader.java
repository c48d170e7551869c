package io.creditscoring.ingestion.intake;

import io.creditscoring.model.Sha256;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code credit.outcomes} record. {@code defaulted} may be a boolean, the text true/false (any case), or
 * 0/1. An outcome needs a registered portfolio but not a stored application: it may arrive first.
 */
@Component
class OutcomeRecordReader {

    /**
     * @throws RecordRejectedException when the record cannot be stored
     */
    OutcomeRow read(ConsumerRecord<String, String> record, SchemaLookup.ForBatch schemas) {
        EnvelopeReader envelope = EnvelopeReader.parse(record);
        var observedAt = envelope.optionalTime("observedAt");
        boolean defaulted = defaulted(envelope);
        schemas.find(envelope.portfolio()).orElseThrow(envelope::rejectUnknownPortfolio);
        return new OutcomeRow(
                envelope.portfolio(),
                envelope.applicationId(),
                defaulted,
                observedAt,
                Sha256.hex("defaulted=" + defaulted),
                record);
    }

    private static boolean defaulted(EnvelopeReader envelope) {
        JsonNode node = envelope.field("defaulted");
        if (node == null || node.isNull()) {
            throw envelope.reject(RejectionReason.MISSING_FIELD, "defaulted", "is required but missing");
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && (node.asLong() == 0 || node.asLong() == 1)) {
            return node.asLong() == 1;
        }
        if (node.isString()) {
            String text = node.stringValue().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return text.equals("true");
            }
        }
        throw envelope.reject(
                RejectionReason.WRONG_TYPE, "defaulted", "expects true or false but got " + node.toString());
    }
}
