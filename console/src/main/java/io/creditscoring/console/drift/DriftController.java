package io.creditscoring.console.drift;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import io.creditscoring.console.web.PassThrough;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A portfolio's drift over time: charts of drift share, score PSI and matured-outcome AUC over its windows, the
 * windows newest first with a link to each one's report, the latest window's features leading to each feature's
 * history, and the reports themselves, fetched with the signed-in key (the browser never holds it).
 */
@Controller
class DriftController {

    static final int WINDOWS = 50;

    /** Tests whose verdict is a p-value under the threshold; the others compare a distance with it. */
    private static final Set<String> P_VALUE_TESTS = Set.of("ks", "chisquare", "z");

    private final PlatformApi platform;

    DriftController(PlatformApi platform) {
        this.platform = platform;
    }

    @GetMapping("/portfolios/{portfolio}/drift")
    String windows(@PathVariable String portfolio, Model model) {
        List<Map<String, Object>> windows = platform.arrayIfPresent(
                Service.DRIFT, "/v1/portfolios/{portfolio}/drift/windows?limit=" + WINDOWS, portfolio);
        model.addAttribute("portfolio", portfolio);
        model.addAttribute("windows", windows);
        model.addAttribute("charts", WindowCharts.of(oldestFirst(windows)));
        model.addAttribute(
                "latest",
                windows.isEmpty()
                        ? null
                        : platform.objectIfPresent(
                                        Service.DRIFT,
                                        "/v1/portfolios/{portfolio}/drift/windows/{id}",
                                        portfolio,
                                        windows.getFirst().get("windowId"))
                                .orElse(null));
        return "drift";
    }

    @GetMapping("/portfolios/{portfolio}/drift/features/{feature}")
    String feature(@PathVariable String portfolio, @PathVariable String feature, Model model) {
        List<Map<String, Object>> history = platform.arrayIfPresent(
                Service.DRIFT,
                "/v1/portfolios/{portfolio}/drift/features/{feature}/history?limit=" + WINDOWS,
                portfolio,
                feature);
        model.addAttribute("portfolio", portfolio);
        model.addAttribute("feature", feature);
        model.addAttribute("history", history);
        List<Map<String, Object>> oldestFirst = oldestFirst(history);
        boolean pValues = !history.isEmpty()
                && P_VALUE_TESTS.contains(String.valueOf(history.getFirst().get("test")));
        model.addAttribute("pValues", pValues);
        model.addAttribute("chart", oldestFirst.isEmpty() ? null : WindowCharts.feature(feature, oldestFirst, pValues));
        return "drift-feature";
    }

    @GetMapping("/portfolios/{portfolio}/drift/windows/{windowId}/report")
    ResponseEntity<String> report(
            @PathVariable String portfolio, @PathVariable long windowId, HttpServletResponse response)
            throws IOException {
        if (PassThrough.refusedWithoutDownloadRole(response)) {
            return null;
        }
        return PassThrough.report(
                platform.html(Service.DRIFT, "/v1/portfolios/{portfolio}/drift/reports/{id}", portfolio, windowId));
    }

    private static List<Map<String, Object>> oldestFirst(List<Map<String, Object>> newestFirst) {
        List<Map<String, Object>> copy = new ArrayList<>(newestFirst);
        Collections.reverse(copy);
        return copy;
    }
}
