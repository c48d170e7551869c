package io.creditscoring.drift.window;

import io.creditscoring.drift.challenger.ChampionChallenger;
import io.creditscoring.security.Audited;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The drift API: latest result per portfolio (JSON), the windows over time and each one's result, an evaluation
 * now, and each window's HTML report.
 */
@RestController
@RequestMapping("/v1/portfolios/{portfolio}/drift")
@Tag(name = "Drift", description = "Drift windows, their results and reports; evaluation on demand")
class DriftController {

    private final DriftMonitor monitor;
    private final ChampionChallenger championChallenger;

    DriftController(DriftMonitor monitor, ChampionChallenger championChallenger) {
        this.monitor = monitor;
        this.championChallenger = championChallenger;
    }

    /** Evaluates the events received since the portfolio's last window now; answers the new result. */
    @PostMapping("/evaluate")
    @Audited("drift.evaluate")
    @Operation(
            summary = "Close and evaluate a window of every event received since the portfolio's last window",
            description = "409 when no event is pending: the monitor's own trigger (count or age) may have closed"
                    + " the window already; GET .../drift/windows?from= finds it.")
    DriftResult evaluate(@PathVariable String portfolio) {
        return monitor.evaluateNow(portfolio)
                .orElseThrow(() -> ApiProblemException.conflict(
                        "no scoring events of portfolio '" + portfolio + "' received since its last drift window"));
    }

    @GetMapping("/latest")
    @Operation(summary = "The portfolio's latest evaluated window")
    DriftResult latest(@PathVariable String portfolio) {
        return monitor.latest(portfolio)
                .orElseThrow(() -> ApiProblemException.notFound(
                        "no drift window evaluated yet for portfolio '" + portfolio + "'"));
    }

    @GetMapping("/windows")
    @Operation(
            summary = "The portfolio's windows, newest first",
            description = "Summary fields, receipt time range and event count (currentRows) of each window whose"
                    + " events were received (in part) between from and to.")
    List<DriftWindowSummary> windows(
            @PathVariable String portfolio,
            @Parameter(description = "windows holding events received at or after this time (ISO-8601)")
                    @RequestParam(required = false)
                    Instant from,
            @Parameter(description = "windows holding events received at or before this time (ISO-8601)")
                    @RequestParam(required = false)
                    Instant to,
            @Parameter(description = "most windows returned") @RequestParam(defaultValue = "100") @Min(1) @Max(1000)
                    int limit) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiProblemException.badRequest("from (" + from + ") is after to (" + to + ")");
        }
        return monitor.windows(portfolio, from, to, limit);
    }

    @GetMapping("/windows/{windowId}")
    @Operation(summary = "One window's full result, as drift/latest serves it")
    DriftResult window(@PathVariable String portfolio, @PathVariable long windowId) {
        return monitor.window(portfolio, windowId).orElseThrow(() -> noWindow(portfolio, windowId));
    }

    @GetMapping("/features/{feature}/history")
    @Operation(
            summary = "One feature's drift result in each window, newest first",
            description = "Test, statistic, p-value, threshold, verdict and CSI of the feature in each window that"
                    + " tested it; 404 when no window of the portfolio holds the feature.")
    List<FeatureHistoryPoint> featureHistory(
            @PathVariable String portfolio,
            @PathVariable String feature,
            @Parameter(description = "most windows returned") @RequestParam(defaultValue = "100") @Min(1) @Max(1000)
                    int limit) {
        List<FeatureHistoryPoint> history = monitor.featureHistory(portfolio, feature, limit);
        if (history.isEmpty()) {
            throw ApiProblemException.notFound(
                    "no drift window of portfolio '" + portfolio + "' tested feature '" + feature + "'");
        }
        return history;
    }

    @GetMapping(value = "/reports/{windowId}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "One window's self-contained HTML report")
    String report(@PathVariable String portfolio, @PathVariable long windowId) {
        return monitor.window(portfolio, windowId)
                .map(window -> DriftReportPage.render(
                        window,
                        championChallenger
                                .compare(portfolio, window.modelVersion(), null, windowId)
                                .orElse(null)))
                .orElseThrow(() -> noWindow(portfolio, windowId));
    }

    private static ApiProblemException noWindow(String portfolio, long windowId) {
        return ApiProblemException.notFound("no drift window " + windowId + " for portfolio '" + portfolio + "'");
    }
}
