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
     * Stops sending, once the platform and its broker are gone: nothing more can be acknowledged, so the producer is
     * closed at once and the records not acknowledged by then count as not acknowledged. The close also wakes the
     * sender, which blocks in {@code send} on a full buffer for {@code max.block.ms} (60 s) when the broker is gone.
     */
    void stop() throws InterruptedException {
        running = false;
        producer.close(Duration.ZERO);
        sender.join();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int sent() {
        return sent;
    }
}
