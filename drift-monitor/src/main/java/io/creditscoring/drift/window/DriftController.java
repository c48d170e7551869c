package io.creditscoring.drift.window;

import io.creditscoring.web.ApiProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The drift API: latest result per portfolio (JSON), an evaluation now, and each window's HTML report. */
@RestController
@RequestMapping("/v1/portfolios/{portfolio}/drift")
class DriftController {

    private final DriftMonitor monitor;

    DriftController(DriftMonitor monitor) {
        this.monitor = monitor;
    }

    /** Evaluates the events received since the portfolio's last window now; answers the new result. */
    @PostMapping("/evaluate")
    DriftResult evaluate(@PathVariable String portfolio) {
        return monitor.evaluateNow(portfolio)
                .orElseThrow(() -> ApiProblemException.conflict(
                        "no scoring events of portfolio '" + portfolio + "' received since its last drift window"));
    }

    @GetMapping("/latest")
    DriftResult latest(@PathVariable String portfolio) {
        return monitor.latest(portfolio)
                .orElseThrow(() -> ApiProblemException.notFound(
                        "no drift window evaluated yet for portfolio '" + portfolio + "'"));
    }

    @GetMapping(value = "/reports/{windowId}", produces = MediaType.TEXT_HTML_VALUE)
    String report(@PathVariable String portfolio, @PathVariable long windowId) {
        return monitor.window(portfolio, windowId)
                .map(DriftReportPage::render)
                .orElseThrow(() -> ApiProblemException.notFound(
                        "no drift window " + windowId + " for portfolio '" + portfolio + "'"));
    }
}
