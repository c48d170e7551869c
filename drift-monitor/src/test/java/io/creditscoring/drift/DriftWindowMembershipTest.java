package io.creditscoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.drift.events.DecisionLog;
import io.creditscoring.drift.window.DriftMonitor;
import io.creditscoring.model.events.ScoringEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which drift window each scoring event is in: events join the open window of their portfolio and model version as
 * they are stored (the configuration's windows hold 2,000), and a window is closed only once every transaction that
 * put events in it has ended. The decision log is called as the Kafka listener calls it, a batch per transaction.
 */
@DriftMonitorTest
class DriftWindowMembershipTest {

    private static final int WINDOW = 2000;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    DriftMonitor monitor;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eventsFillWindowsOfExactlyTheMaximumInTheOrderTheyAreStoredAndAReplayJoinsNone() {
        String portfolio = "taiwan-membership";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, 300));
        List<ScoringEvent> events = events(portfolio, 1, 20_000, 24_200);
        // batches that end inside windows and one that spans a whole window boundary
        assertThat(decisionLog.record(events.subList(0, 1500))).isEqualTo(1500);
        assertThat(decisionLog.record(events.subList(1500, 3000))).isEqualTo(1500);
        assertThat(decisionLog.record(events.subList(3000, 4200))).isEqualTo(1200);
        assertThat(decisionLog.record(events.subList(1990, 2010)))
                .as("a replay changes nothing")
                .isZero();

        List<Long> windowOf = new ArrayList<>();
        for (ScoringEvent event : events) {
            windowOf.add(jdbc.queryForObject(
                    "select window_id from monitoring.scoring_events where event_id = ?", Long.class, event.eventId()));
        }
        assertThat(windowOf.subList(0, WINDOW)).containsOnly(windowOf.getFirst());
        assertThat(windowOf.subList(WINDOW, 2 * WINDOW)).containsOnly(windowOf.get(WINDOW));
        assertThat(windowOf.subList(2 * WINDOW, 4200)).containsOnly(windowOf.get(2 * WINDOW));
        assertThat(List.of(windowOf.getFirst(), windowOf.get(WINDOW), windowOf.get(2 * WINDOW)))
                .doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject(
                        "select events from monitoring.open_windows where portfolio = ? and model_version = 1",
                        Integer.class,
                        portfolio))
                .as("the last window is open with the 200 events after two full windows")
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select window_id from monitoring.open_windows where portfolio = ?", Long.class, portfolio))
                .isEqualTo(windowOf.get(2 * WINDOW));

        monitor.evaluateNow(portfolio);
        assertThat(jdbc.queryForList(
                        "select current_rows from monitoring.drift_windows where portfolio = ? order by window_id",
                        Integer.class,
                        portfolio))
                .containsExactly(WINDOW, WINDOW, 200);
    }

    /**
     * Two consumers store batches of one portfolio while windows are closed on demand as fast as they can be: every
     * event ends in exactly one evaluated window. A window closed while a transaction still put events in it would
     * be evaluated without them, and the windows' rows would add up to fewer than the events stored.
     */
    @Test
    void everyEventIsInExactlyOneEvaluatedWindowWhileWindowsCloseAsEventsArrive() throws Exception {
        String portfolio = "taiwan-membership-race";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, 300));
        List<ScoringEvent> first = events(portfolio, 1, 20_000, 22_500);
        List<ScoringEvent> second = events(portfolio, 1, 22_500, 25_000);
        AtomicBoolean storing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> closer = threads.submit(() -> {
                int closed = 0;
                while (storing.get()) {
                    closed += monitor.evaluateNow(portfolio).isPresent() ? 1 : 0;
                }
                return closed;
            });
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(() -> storeInBatches(first), threads),
                            CompletableFuture.runAsync(() -> storeInBatches(second), threads))
                    .whenComplete((done, failure) -> storing.set(false))
                    .get();
            assertThat(closer.get()).as("windows closed while events arrived").isPositive();
        } finally {
            threads.shutdownNow();
        }
        monitor.evaluateNow(portfolio);

        assertThat(jdbc.queryForObject(
                        "select count(*) from monitoring.scoring_events where portfolio = ?", Integer.class, portfolio))
                .isEqualTo(5000);
        assertThat(jdbc.queryForObject(
                        "select coalesce(sum(current_rows), 0) from monitoring.drift_windows where portfolio = ?",
                        Integer.class,
                        portfolio))
                .as("the evaluated windows' rows add up to the events stored")
                .isEqualTo(5000);
        assertThat(jdbc.queryForObject("""
                        select count(*) from monitoring.scoring_events e where portfolio = ?
                          and not exists (select 1 from monitoring.drift_windows w where w.window_id = e.window_id)""", Integer.class, portfolio))
                .as("events in no evaluated window")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select max(current_rows) from monitoring.drift_windows where portfolio = ?",
                        Integer.class,
                        portfolio))
                .isLessThanOrEqualTo(WINDOW);
    }

    private void storeInBatches(List<ScoringEvent> events) {
        for (int from = 0; from < events.size(); from += 50) {
            decisionLog.record(events.subList(from, Math.min(events.size(), from + 50)));
        }
    }

    private static List<ScoringEvent> events(String portfolio, int version, int from, int to) {
        return TaiwanFixture.rows(from, to).stream()
                .map(row -> TaiwanFixture.event(portfolio, version, row))
                .toList();
    }
}
