package io.creditscoring.scoring.bench;

import io.creditscoring.testsupport.SharedKafka;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real (embedded KRaft) Kafka broker in a JVM of its own, for {@link ScoringBenchServer}'s {@code
 * -Dbench.kafka.bootstrap}: as in a deployment, the broker's garbage and threads then stay out of the scoring
 * service's heap and GC pauses. Writes its bootstrap address to the file given as the first argument and runs
 * until killed.
 */
public final class BenchBroker {

    private BenchBroker() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.writeString(out, SharedKafka.bootstrapServers());
        System.out.println("BENCH BROKER READY at " + SharedKafka.bootstrapServers());
        Thread.currentThread().join();
    }
}
