package io.creditscoring.ingestion.intake;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * A key or value that the consumer could not decode (not valid UTF-8, see platform-kafka's
 * {@code StrictUtf8Deserializer}). Spring's {@code ErrorHandlingDeserializer} hands such a record on with a null
 * key or value and keeps the failure, with the original bytes, in a header that only the consumer itself can set.
 */
final class UndecodedBytes {

    private static final LogAccessor LOG = new LogAccessor(UndecodedBytes.class);

    private UndecodedBytes() {}

    /** Why the key (or value) could not be decoded, as a phrase ("not valid UTF-8: ..."); empty when it was. */
    static Optional<String> failure(ConsumerRecord<?, ?> record, boolean key) {
        return exception(record, key)
                .map(e -> e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }

    /** The bytes of the key (or value) as they came, when they could not be decoded; null otherwise. */
    static byte[] original(ConsumerRecord<?, ?> record, boolean key) {
        return exception(record, key).map(DeserializationException::getData).orElse(null);
    }

    /** Whether a header is one of the deserializer's failure headers, which are not passed on to dead letters. */
    static boolean isFailureHeader(String name) {
        return name.startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX);
    }

    private static Optional<DeserializationException> exception(ConsumerRecord<?, ?> record, boolean key) {
        if ((key ? record.key() : record.value()) != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(SerializationUtils.getExceptionFromHeader(
                record,
                key
                        ? SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER
                        : SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
                LOG));
    }
}
