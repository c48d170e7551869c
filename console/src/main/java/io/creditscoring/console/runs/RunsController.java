package io.creditscoring.console.runs;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Training runs. The training service has no run list yet: the list here is the runs that produced a registered
 * model version (read from each portfolio's model list), so failed runs are missing from it.
 */
@Controller
class RunsController {

    private final PlatformApi platform;

    RunsController(PlatformApi platform) {
        this.platform = platform;
    }

    /** A run as seen through the versions it registered. */
    record RunRow(String runId, String portfolio, List<Object> versions, Object createdAt) {}

    @GetMapping("/runs")
    String runs(Model model) {
        Map<String, RunRow> runs = new LinkedHashMap<>();
        for (Map<String, Object> portfolio : platform.array(Service.INGESTION, "/v1/portfolios")) {
            String name = String.valueOf(portfolio.get("portfolio"));
            for (Map<String, Object> version :
                    platform.arrayIfPresent(Service.TRAINING, "/v1/portfolios/{portfolio}/models", name)) {
                if (version.get("runId") == null) {
                    continue;
                }
                String runId = String.valueOf(version.get("runId"));
                runs.computeIfAbsent(runId, id -> new RunRow(id, name, new ArrayList<>(), version.get("createdAt")))
                        .versions()
                        .add(version.get("version"));
            }
        }
        List<RunRow> rows = new ArrayList<>(runs.values());
        rows.sort(Comparator.comparing((RunRow r) -> Objects.toString(r.createdAt(), ""))
                .reversed());
        model.addAttribute("runs", rows);
        return "runs";
    }

    @GetMapping("/runs/{runId}")
    String run(@PathVariable UUID runId, Model model) {
        model.addAttribute("run", platform.object(Service.TRAINING, "/v1/training-runs/{runId}", runId));
        return "run";
    }
}
