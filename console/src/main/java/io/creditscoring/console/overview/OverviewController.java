package io.creditscoring.console.overview;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Each portfolio at a glance: champion and challenger, the last drift verdict, what is stored, what waits. */
@Controller
class OverviewController {

    /** Failed runs listed per portfolio; the rest are a link away. */
    static final int FAILED_RUNS = 3;

    private final PlatformApi platform;

    OverviewController(PlatformApi platform) {
        this.platform = platform;
    }

    @GetMapping("/")
    String overview(Model model) {
        List<Map<String, Object>> pending =
                platform.array(Service.TRAINING, "/v1/promotion-requests?status=PENDING&limit=1000");
        List<PortfolioSummary> portfolios = platform.array(Service.INGESTION, "/v1/portfolios").stream()
                .map(p -> summary(String.valueOf(p.get("portfolio")), p, pending))
                .toList();
        model.addAttribute("portfolios", portfolios);
        return "overview";
    }

    private PortfolioSummary summary(
            String portfolio, Map<String, Object> registered, List<Map<String, Object>> pending) {
        List<Map<String, Object>> models =
                platform.arrayIfPresent(Service.TRAINING, "/v1/portfolios/{portfolio}/models", portfolio);
        Map<String, Object> champion = Aliases.holder(models, "champion");
        Map<String, Object> challenger = Aliases.holder(models, "challenger");
        return new PortfolioSummary(
                portfolio,
                registered.get("version"),
                champion,
                // a promoted challenger keeps its alias until the next one: it is then no challenger to anything
                sameVersion(challenger, champion) ? null : challenger,
                models.size(),
                platform.objectIfPresent(Service.INGESTION, "/v1/portfolios/{portfolio}/stats", portfolio)
                        .orElse(Map.of()),
                platform.objectIfPresent(Service.DRIFT, "/v1/portfolios/{portfolio}/drift/latest", portfolio)
                        .orElse(null),
                pending.stream()
                        .filter(r -> Objects.equals(r.get("portfolio"), portfolio))
                        .count(),
                platform.object(
                        Service.TRAINING,
                        "/v1/training-runs?portfolio={portfolio}&status=FAILED&size=" + FAILED_RUNS,
                        portfolio));
    }

    private static boolean sameVersion(Map<String, Object> model, Map<String, Object> other) {
        return model != null && other != null && Objects.equals(model.get("version"), other.get("version"));
    }

    /**
     * One row of the overview.
     *
     * @param champion the champion version's summary, or null
     * @param drift the latest evaluated window, or null when none was evaluated yet
     * @param failedRuns the training service's page of the portfolio's latest FAILED runs
     */
    record PortfolioSummary(
            String portfolio,
            Object schemaVersion,
            Map<String, Object> champion,
            Map<String, Object> challenger,
            int modelVersions,
            Map<String, Object> stats,
            Map<String, Object> drift,
            long pendingRequests,
            Map<String, Object> failedRuns) {

        /** The latest failed runs, newest first (at most {@link #FAILED_RUNS}). */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> latestFailures() {
            return failedRuns.get("runs") instanceof List<?> runs ? (List<Map<String, Object>>) runs : List.of();
        }

        /** How many runs of the portfolio failed, all told. */
        public long failureCount() {
            return failedRuns.get("total") instanceof Number n ? n.longValue() : 0;
        }
    }
}
