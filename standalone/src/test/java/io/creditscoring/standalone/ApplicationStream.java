package io.creditscoring.standalone;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Applications {@code <prefix>0}, {@code <prefix>1}, ... sent to the standalone's Kafka, the first {@code burst} as
 * fast as the producer goes and then about 5,000 a second until stopped; remembers which ones the broker acknowledged (those must be stored whatever happens to the
 * platform) and how many were handed to the producer (nothing else may be stored).
 */
final class ApplicationStream {

    private final String prefix;
    private final int burst;
    private final KafkaProducer<String, String> producer;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Thread sender;
    private volatile boolean running = true;
    private volatile int sent;

    ApplicationStream(StandaloneSettings settings, String prefix, int burst) {
        this.prefix = prefix;
        this.burst = burst;
        this.producer = TaiwanApplications.producer(settings);
        this.sender = Thread.ofPlatform().name("application-stream").start(this::send);
    }

    private void send() {
        for (int n = 0; running; n++) {
            String id = prefix + n;
            try {
                producer.send(TaiwanApplications.record(id, n), (metadata, failure) -> {
                    if (failure == null) {
                        acknowledged.add(id);
                    }
                });
            } catch (RuntimeException e) {
                return; // the producer was closed by stop(), or the broker went away with the platform
            }
            sent = n + 1;
            if (n >= burst && n % 100 == 99) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    /**
     * Stops sending; records the broker had not acknowledged within 5 s count as not acknowledged. The producer is
     * closed before the sender is joined: with the broker gone, a send blocks for {@code max.block.ms} (60 s) on a
     * full buffer, and only the close wakes it.
     */
    void stop() throws InterruptedException {
        running = false;
        producer.close(Duration.ofSeconds(5));
        sender.join();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int sent() {
        return sent;
    }
}
