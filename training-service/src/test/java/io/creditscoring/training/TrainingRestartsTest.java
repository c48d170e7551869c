package io.creditscoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.testsupport.ServiceClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a stop (SIGTERM closes the context the same way) and a restart do to the run queue: the run in flight is
 * handed back at its next checkpoint before the DataSource closes, runs still queued survive, and a run interrupted
 * on its last attempt fails with the reason. Two contexts, one after the other, on a database of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrainingRestartsTest {

    private static final String DATABASE = "training_restarts";
    private static final String PORTFOLIO = "restart-loans";
    /** The budget for a service's stop on SIGTERM. */
    private static final Duration STOP_BUDGET = Duration.ofSeconds(20);
    /**
     * XGBoost with a tiny learning rate and a patience of 10,000 rounds on 2,100 training rows: it trains for many
     * seconds, so it is surely in flight when the context stops.
     */
    private static final String LONG_RUN = """
            {"algorithms": ["XGBOOST"],
             "params": {"xgboost.eta": 0.001, "xgboost.maxRounds": 100000, "xgboost.earlyStoppingRounds": 10000}}
            """;

    private static final String SHORT_RUN = "{\"algorithms\": [\"LOGISTIC_REGRESSION\"]}";

    @Test
    void aStopHandsTheRunInFlightBackAndTheNextStartRunsTheQueue(CapturedOutput output) {
        DataSource database = SeparateTrainingService.createDatabase(DATABASE);
        LabelledDataFixture.insert(database, PORTFOLIO, SmallPortfolio.rows("restart-", 3000, 750));
        JdbcTemplate jdbc = new JdbcTemplate(database);
        UUID longRun;
        UUID shortRun;

        try (SeparateTrainingService first = SeparateTrainingService.start(DATABASE, Map.of())) {
            first.bean(PortfolioCatalog.class).registerIfAbsent(SmallPortfolio.schema(PORTFOLIO));
            longRun = BundledRuns.start(first.client(), PORTFOLIO, LONG_RUN);
            awaitBoosting(output, longRun, 1);
            shortRun = BundledRuns.start(first.client(), PORTFOLIO, SHORT_RUN);
            assertThat(status(jdbc, shortRun)).isEqualTo("QUEUED");

            assertThat(first.stop()).isLessThan(STOP_BUDGET);
        }

        assertThat(status(jdbc, longRun)).isEqualTo("QUEUED");
        assertThat(attempts(jdbc, longRun)).isEqualTo(1);
        assertThat(interruption(jdbc, longRun))
                .contains("attempt 1 of 2 interrupted", "the training service is stopping", "before XGBoost round");
        assertThat(status(jdbc, shortRun)).isEqualTo("QUEUED");
        assertThat(attempts(jdbc, shortRun)).isZero();

        try (SeparateTrainingService second = SeparateTrainingService.start(DATABASE, Map.of())) {
            ServiceClient client = second.client();
            // the interrupted run went to the end of the queue: the one that waited behind it runs first
            var finished = BundledRuns.awaitFinished(client, shortRun);
            assertThat(finished.get("status").asString())
                    .as(finished.toString())
                    .isEqualTo("SUCCEEDED");
            assertThat(finished.get("attempts").asInt()).isEqualTo(1);
            awaitBoosting(output, longRun, 2);

            assertThat(second.stop()).isLessThan(STOP_BUDGET);
        }

        assertThat(status(jdbc, longRun)).isEqualTo("FAILED");
        assertThat(attempts(jdbc, longRun)).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select failure_reason from training.runs where run_id = ?", String.class, longRun))
                .contains("interrupted on its last attempt", "attempt 2 of 2", "the training service is stopping");
        // the run in flight stopped before the pool closed (CI once saw it fail on the closed pool)
        assertThat(output.getAll()).doesNotContain("has been closed");
    }

    /** Waits until the run's attempt is RUNNING and past its 50th boosting round. */
    private static void awaitBoosting(CapturedOutput output, UUID runId, int attempt) {
        String started = "Run " + runId + " for portfolio " + PORTFOLIO + " started (attempt " + attempt + ")";
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            String out = output.getOut();
            int from = out.indexOf(started);
            return from >= 0 && out.indexOf("XGBoost round 50:", from) > 0;
        });
    }

    private static String status(JdbcTemplate jdbc, UUID runId) {
        return jdbc.queryForObject("select status from training.runs where run_id = ?", String.class, runId);
    }

    private static int attempts(JdbcTemplate jdbc, UUID runId) {
        return jdbc.queryForObject("select attempts from training.runs where run_id = ?", Integer.class, runId);
    }

    private static String interruption(JdbcTemplate jdbc, UUID runId) {
        return jdbc.queryForObject("select last_interruption from training.runs where run_id = ?", String.class, runId);
    }
}
