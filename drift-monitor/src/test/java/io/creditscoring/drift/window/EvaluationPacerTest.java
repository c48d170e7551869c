package io.creditscoring.drift.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class EvaluationPacerTest {

    @Test
    void aQuarterOfACoreWaitsThreeTimesTheEvaluation() {
        EvaluationPacer pacer = new EvaluationPacer(0.25);

        assertThat(pacer.pauseAfter(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(1200));
        assertThat(pacer.pauseAfter(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(3));
    }

    @Test
    void busyAndWaitingAddUpToTheShare() {
        EvaluationPacer pacer = new EvaluationPacer(0.4);
        Duration busy = Duration.ofMillis(200);

        Duration pause = pacer.pauseAfter(busy);

        assertThat((double) busy.toNanos() / (busy.toNanos() + pause.toNanos())).isCloseTo(0.4, Offset.offset(1e-9));
    }

    @Test
    void waitingIsNotBusy() {
        long before = EvaluationPacer.busyClock();
        long started = System.nanoTime();
        // this thread waits (as for a portfolio's lock) until 400 ms have passed; Awaitility polls on its own thread
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        System.nanoTime() - started >= Duration.ofMillis(400).toNanos());

        assertThat(Duration.ofNanos(EvaluationPacer.busyClock() - before)).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void aWholeCoreOrNoWorkWaitsNot() {
        assertThat(new EvaluationPacer(1.0).pauseAfter(Duration.ofSeconds(3))).isZero();
        assertThat(new EvaluationPacer(0.25).pauseAfter(Duration.ZERO)).isZero();
    }

    @Test
    void rejectsAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new EvaluationPacer(0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new EvaluationPacer(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStopDuringTheWaitEndsIt() {
        EvaluationPacer pacer = new EvaluationPacer(0.001);
        Thread.currentThread().interrupt();
        try {
            // 10 ms of work would mean a wait of about 10 s: the interrupt of a stopping service ends it at once
            assertThatThrownBy(() -> pacer.pace(Duration.ofMillis(10))).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
