package io.creditscoring.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void aPassThatThrowsDoesNotEndTheSchedule() {
        AtomicInteger passes = new AtomicInteger();
        PeriodicTask task = task("throws-at-first", () -> {
            if (passes.incrementAndGet() <= 2) {
                throw new IllegalStateException("the database is away");
            }
        });
        task.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 5);
        } finally {
            task.stop();
        }
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void aStopLetsAPassInProgressFinish() throws Exception {
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        PeriodicTask task = task("finishes", Duration.ofSeconds(30), () -> {
            inPass.countDown();
            try {
                finished.set(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        task.start();
        assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stop = CompletableFuture.runAsync(task::stop);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !stop.isDone());
        release.countDown();
        stop.get(10, TimeUnit.SECONDS);
        assertThat(finished)
                .as("the pass ran to its end, not interrupted, before the stop returned")
                .isTrue();
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void aStopInterruptsAPassThatOutlastsItsWait() throws Exception {
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        PeriodicTask task = task("outlasts", Duration.ofMillis(50), () -> {
            inPass.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        task.start();
        assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();
        task.stop();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void startedAgainAfterAStopItRunsAgainAndAStartWhileRunningSchedulesNothingMore() {
        AtomicInteger passes = new AtomicInteger();
        PeriodicTask task = task("restarts", passes::incrementAndGet);
        task.start();
        task.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 1);
        task.stop();
        int afterStop = passes.get();
        task.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() > afterStop);
        } finally {
            task.stop();
        }
        task.stop(); // a second stop does nothing
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void itsThreadIsADaemonNamedAfterTheTask() throws Exception {
        CountDownLatch seen = new CountDownLatch(1);
        Thread[] thread = new Thread[1];
        PeriodicTask task = task("named-task", () -> {
            thread[0] = Thread.currentThread();
            seen.countDown();
        });
        task.start();
        try {
            assertThat(seen.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            task.stop();
        }
        assertThat(thread[0].getName()).isEqualTo("named-task");
        assertThat(thread[0].isDaemon()).isTrue();
    }

    @Test
    void aDelayThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new PeriodicTask("zero", Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)) {
                    @Override
                    protected void runOnce() {}
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero");
    }

    private static PeriodicTask task(String name, Runnable pass) {
        return task(name, Duration.ofSeconds(5), pass);
    }

    private static PeriodicTask task(String name, Duration stopWait, Runnable pass) {
        return new PeriodicTask(name, Duration.ZERO, Duration.ofMillis(10), stopWait) {
            @Override
            protected void runOnce() {
                pass.run();
            }
        };
    }
}
