package io.creditscoring.training.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.SharedPostgres;
import io.creditscoring.training.TrainingServiceTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run read while its runner writes it: the console opens a run's page the moment it is started, while the runner
 * records its parameters. A reader sees each batch of parameters or metrics whole or not at all (a clean-clone CI run
 * once answered 500 for a run whose cross-validation folds were stored and its standard-error rule not yet).
 */
@TrainingServiceTest
class RunViewWhileWrittenTest {

    private static final String PORTFOLIO = "view-while-written-loans";

    @Autowired
    TrainingRunRepository runs;

    @Test
    void aReaderSeesEachBatchOfParametersAndMetricsWholeOrNotAtAll() throws Exception {
        UUID runId = storedRun();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int batch = 1; batch <= 150; batch++) {
                    runs.saveParams(runId, params(batch));
                    runs.saveMetrics(runId, "LOGISTIC_REGRESSION", Map.of("auc", (double) batch, "ks", (double) batch));
                }
            } finally {
                writing.set(false);
            }
        });

        List<String> torn = new ArrayList<>();
        Set<String> batchesSeen = new HashSet<>();
        int reads = 0;
        while (writing.get() || reads == 0) {
            RunView view = runs.find(runId).orElseThrow();
            reads++;
            Set<String> values = new HashSet<>(view.params().values());
            if (values.size() > 1
                    || (!view.params().isEmpty()
                            && view.params().size() != params(1).size())) {
                torn.add("params " + view.params());
            }
            if (!view.params().isEmpty() && view.crossValidation() == null) {
                torn.add("parameters without their cross-validation " + view.params());
            }
            Map<String, Double> metrics = metricsOf(view);
            if (metrics.size() == 1 || new HashSet<>(metrics.values()).size() > 1) {
                torn.add("metrics " + metrics);
            }
            batchesSeen.addAll(values);
        }
        writer.get();

        assertThat(torn).as("views of half-written batches in %d reads", reads).isEmpty();
        assertThat(batchesSeen).as("the reader saw the writer at work").hasSizeGreaterThan(1);
        RunView last = runs.find(runId).orElseThrow();
        assertThat(last.params()).isEqualTo(params(150));
        assertThat(last.crossValidation()).isEqualTo(new RunView.CrossValidation(150, 150.0));
    }

    /** A batch of parameters, every value the batch number; its keys sort the folds before their rule. */
    private static Map<String, String> params(int batch) {
        Map<String, String> params = new TreeMap<>();
        for (String name : List.of(
                "crossValidation.folds",
                "crossValidation.standardErrors",
                "logisticRegression.lambda",
                "search.trials",
                "split.testFraction")) {
            params.put(name, String.valueOf(batch));
        }
        return params;
    }

    private static Map<String, Double> metricsOf(RunView view) {
        return view.models().isEmpty() ? Map.of() : view.models().getFirst().metrics();
    }

    /** A finished run with one model row, so that its metrics show in the view. */
    private static UUID storedRun() {
        UUID runId = UUID.randomUUID();
        JdbcTemplate jdbc = new JdbcTemplate(SharedPostgres.dataSource());
        jdbc.update(
                "insert into training.experiments (portfolio) values (?) on conflict (portfolio) do nothing",
                PORTFOLIO);
        jdbc.update("""
                insert into training.runs (run_id, experiment_id, portfolio, status, reason, requested_by, algorithms,
                                           attempts, started_at, finished_at)
                select ?, experiment_id, portfolio, 'SUCCEEDED', 'MANUAL', 'test', '{LOGISTIC_REGRESSION}', 1, now(),
                       now()
                from training.experiments where portfolio = ?
                """, runId, PORTFOLIO);
        jdbc.update(
                "insert into training.run_models (run_id, algorithm, pipeline_json, details)"
                        + " values (?, 'LOGISTIC_REGRESSION', '{}', '{}')",
                runId);
        return runId;
    }
}
