package io.creditscoring.ingestion.intake;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes rejected records to {@code <topic>.DLT}, same partition, original key and value, with headers that
 * say why: {@code x-rejection-reason} (the rule), {@code x-rejection-field}, {@code x-rejection-message},
 * {@code x-rejection-faults} (every fault as JSON), and Spring Kafka's original topic/partition/offset headers.
 * Waits until the broker has them all, so that the source offsets are committed only afterwards.
 */
@Component
class DeadLetterPublisher {

    static final String REASON = "x-rejection-reason";
    static final String FIELD = "x-rejection-field";
    static final String MESSAGE = "x-rejection-message";
    static final String FAULTS = "x-rejection-faults";

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, String> kafka;

    DeadLetterPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    void publish(List<Rejection> rejections) {
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            ConsumerRecord<String, String> source = rejection.source();
            sends.add(kafka.send(new ProducerRecord<>(
                    Topics.deadLetter(source.topic()),
                    source.partition(),
                    source.key(),
                    source.value(),
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

    private static Headers headers(Rejection rejection) {
        ConsumerRecord<String, String> source = rejection.source();
        Headers headers = new RecordHeaders();
        source.headers().forEach(headers::add);
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
