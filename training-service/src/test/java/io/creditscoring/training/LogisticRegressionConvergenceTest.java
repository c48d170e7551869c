package io.creditscoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedPostgres;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Logistic regression converges on both bundled portfolios within the default budget (200 L-BFGS iterations,
 * tolerance 1e-5), and each run records whether it did, with the iterations and the final gradient norm: in the
 * run's model record, in the pipeline sent to the registry, and in the comparison report.
 */
@TrainingServiceTest
class LogisticRegressionConvergenceTest {

    private static final double DEFAULT_TOLERANCE = 1e-5;
    private static final int DEFAULT_MAX_ITERATIONS = 200;

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    CapturingModelPublisher published;

    ServiceClient client;

    @BeforeEach
    void client() {
        client = ServiceClient.onPort(port);
    }

    @Test
    void convergesOnTaiwan() {
        assertConvergedWithinTheDefaultBudget(BundledRuns.defaultRun(BundledPortfolios.TAIWAN_CARDS, client, catalog));
    }

    @Test
    void convergesOnGerman() {
        assertConvergedWithinTheDefaultBudget(BundledRuns.defaultRun(BundledPortfolios.GERMAN_LOANS, client, catalog));
    }

    @Test
    void aRunOutOfIterationsRecordsThatItDidNotConverge() {
        BundledRuns.load(catalog);
        UUID runId = BundledRuns.start(
                client,
                BundledPortfolios.GERMAN_LOANS,
                "{\"algorithms\": [\"LOGISTIC_REGRESSION\"], \"params\": {\"logisticRegression.maxIterations\": 5}}");
        assertThat(BundledRuns.awaitFinished(client, runId).get("status").asString())
                .isEqualTo("SUCCEEDED");

        Map<String, String> fit = recordedFit(runId);
        assertThat(fit).containsEntry("converged", "false").containsEntry("iterations", "5");
        assertThat(Double.parseDouble(fit.get("gradientNorm"))).isGreaterThan(DEFAULT_TOLERANCE);
        assertThat(report(runId)).contains("LOGISTIC_REGRESSION <strong>did not converge</strong> within 5 L-BFGS");
    }

    private void assertConvergedWithinTheDefaultBudget(UUID runId) {
        Map<String, String> fit = recordedFit(runId);
        assertThat(fit).containsEntry("converged", "true");
        assertThat(Integer.parseInt(fit.get("iterations"))).isBetween(1, DEFAULT_MAX_ITERATIONS);
        assertThat(Double.parseDouble(fit.get("gradientNorm"))).isLessThan(DEFAULT_TOLERANCE);

        Map<String, String> metadata = published
                .of(runId)
                .get(Algorithm.LOGISTIC_REGRESSION)
                .pipeline()
                .metadata();
        assertThat(metadata)
                .containsEntry("fit.converged", "true")
                .containsEntry("fit.iterations", fit.get("iterations"))
                .containsEntry("fit.gradientNorm", fit.get("gradientNorm"));
        assertThat(report(runId)).contains("LOGISTIC_REGRESSION converged in " + fit.get("iterations") + " of at most");
    }

    /** The fit details stored with the run's logistic regression. */
    private static Map<String, String> recordedFit(UUID runId) {
        return new JdbcTemplate(SharedPostgres.dataSource())
                .queryForObject(
                        "select details->>'converged', details->>'iterations', details->>'gradientNorm'"
                                + " from training.run_models where run_id = ? and algorithm = 'LOGISTIC_REGRESSION'",
                        (rs, i) -> Map.of(
                                "converged", rs.getString(1),
                                "iterations", rs.getString(2),
                                "gradientNorm", rs.getString(3)),
                        runId);
    }

    private String report(UUID runId) {
        return client.getText("/v1/training-runs/" + runId + "/report");
    }
}
