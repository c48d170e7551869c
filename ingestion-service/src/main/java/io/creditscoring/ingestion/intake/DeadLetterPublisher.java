package io.creditscoring.ingestion.intake;

import io.creditscoring.kafka.DeadLetters;
import io.creditscoring.kafka.StringOrBytesSerializer;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes rejected records to {@code <topic>.DLT}, same partition, original key and value byte for byte (also
 * when they were not valid UTF-8), with headers that say why: {@code x-rejection-reason} (the rule),
 * {@code x-rejection-field}, {@code x-rejection-message}, {@code x-rejection-faults} (every fault as JSON), and
 * Spring Kafka's original topic/partition/offset headers. Waits until the broker has them all, so that the source
 * offsets are committed only afterwards.
 *
 * <p>Its producer writes text as UTF-8 and undecodable keys or values as their original bytes; it also serves the
 * {@link #retriesExhaustedRecoverer()} that dead-letters a whole batch when retries of a transient failure ran
 * out.
 */
@Component
class DeadLetterPublisher implements DisposableBean {

    static final String REASON = "x-rejection-reason";
    static final String FIELD = "x-rejection-field";
    static final String MESSAGE = "x-rejection-message";
    static final String FAULTS = "x-rejection-faults";

    /** The reason of records dead-lettered by the error handler once retries of a transient failure ran out. */
    static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<Object, Object> kafka;

    @SuppressWarnings("unchecked") // the copy's serializers are replaced: they take any key and value type given
    DeadLetterPublisher(ProducerFactory<?, ?> producerFactory) {
        this.kafka = new KafkaTemplate<>(
                (ProducerFactory<Object, Object>) producerFactory,
                Map.of(
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringOrBytesSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringOrBytesSerializer.class));
    }

    void publish(List<Rejection> rejections) {
        List<CompletableFuture<SendResult<Object, Object>>> sends = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            ConsumerRecord<String, String> source = rejection.source();
            sends.add(kafka.send(new ProducerRecord<>(
                    Topics.deadLetter(source.topic()),
                    source.partition(),
                    asConsumed(source.key(), source, true),
                    asConsumed(source.value(), source, false),
                    headers(rejection))));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("could not publish " + rejections.size() + " dead letters", e);
        }
    }

    /**
     * Dead-letters every record of a batch whose retries ran out (the error handler's recoverer), to the same
     * partition of {@code <topic>.DLT}, with reason {@value #RETRIES_EXHAUSTED} and the last failure.
     */
    DeadLetterPublishingRecoverer retriesExhaustedRecoverer() {
        DeadLetterPublishingRecoverer recoverer = DeadLetters.toSamePartition(kafka);
        recoverer.setHeadersFunction((record, exception) -> {
            Headers headers = new RecordHeaders();
            headers.add(REASON, utf8(RETRIES_EXHAUSTED));
            headers.add(FIELD, utf8("$"));
            headers.add(
                    MESSAGE,
                    utf8("not stored: retries of a failure of PostgreSQL or the broker ran out ("
                            + NestedExceptionUtils.getMostSpecificCause(exception)
                                    .getMessage() + ")"));
            return headers;
        });
        return recoverer;
    }

    @Override
    public void destroy() {
        kafka.destroy();
    }

    /** A key or value as consumed: its text, or the original bytes when it could not be decoded. */
    private static Object asConsumed(String decoded, ConsumerRecord<String, String> source, boolean key) {
        return decoded != null ? decoded : UndecodedBytes.original(source, key);
    }

    private static Headers headers(Rejection rejection) {
        ConsumerRecord<String, String> source = rejection.source();
        Headers headers = new RecordHeaders();
        source.headers().forEach(header -> {
            if (!UndecodedBytes.isFailureHeader(header.key())) {
                headers.add(header);
            }
        });
        headers.add(REASON, utf8(rejection.reason().name()));
        headers.add(FIELD, utf8(rejection.first().field()));
        headers.add(MESSAGE, utf8(rejection.first().message()));
        headers.add(FAULTS, CreditJson.json().writeValueAsBytes(rejection.faults()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(source.topic()));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(source.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(source.offset()).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(rejection.first().message()));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
