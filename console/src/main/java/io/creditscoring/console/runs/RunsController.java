package io.creditscoring.console.runs;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import io.creditscoring.console.platform.ServiceCallException;
import io.creditscoring.console.signin.SignedInKey;
import io.creditscoring.console.web.PassThrough;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Training runs: the list with its filters and search (a GET form, so a filtered view is a link), a comparison of
 * two or more runs with overlaid ROC and KS curves, a run's page, and the start-run form (TRAINER) with the
 * overrides the training service accepts.
 */
@Controller
class RunsController {

    static final int PAGE_SIZE = 25;
    static final List<String> STATUSES = List.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED");
    static final List<String> ENGINES = List.of("local", "spark");
    static final List<String> ALGORITHMS = List.of("LOGISTIC_REGRESSION", "XGBOOST", "NEURAL_NETWORK");

    private final PlatformApi platform;

    RunsController(PlatformApi platform) {
        this.platform = platform;
    }

    /** The start-run form. */
    record StartRunForm(
            String portfolio,
            List<String> algorithms,
            @Size(max = 4000) String params) {}

    @GetMapping("/runs")
    String runs(@ModelAttribute("filters") RunFilters filters, Model model) {
        model.addAttribute("portfolios", portfolioNames());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("engines", ENGINES);
        try {
            Map<String, Object> page = platform.object(
                    Service.TRAINING,
                    "/v1/training-runs?portfolio={portfolio}&status={status}&engine={engine}&from={from}&to={to}"
                            + "&q={q}&page={page}&size={size}",
                    text(filters.portfolio()),
                    text(filters.status()),
                    text(filters.engine()),
                    text(filters.from()),
                    text(filters.to()),
                    text(filters.q()),
                    filters.pageOrFirst(),
                    PAGE_SIZE);
            model.addAttribute("page", page);
            long total = page.get("total") instanceof Number n ? n.longValue() : 0;
            model.addAttribute("hasNext", (long) (filters.pageOrFirst() + 1) * PAGE_SIZE < total);
        } catch (ServiceCallException e) {
            if (e.status() != 400) {
                throw e;
            }
            // a filter the service refused (a bad date, say): the form stays, with the service's reason
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("page", Map.of("runs", List.of(), "total", 0, "page", 0));
            model.addAttribute("hasNext", false);
        }
        return "runs";
    }

    @GetMapping("/runs/compare")
    String compare(@RequestParam(required = false) List<UUID> runIds, Model model, RedirectAttributes redirect) {
        List<UUID> distinct = runIds == null
                ? List.of()
                : runIds.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.size() < 2) {
            redirect.addFlashAttribute("problem", "Select two or more runs to compare.");
            return "redirect:/runs";
        }
        Map<String, Object> comparison = platform.object(
                Service.TRAINING,
                "/v1/training-runs/compare?runIds={runIds}",
                distinct.stream().map(UUID::toString).collect(Collectors.joining(",")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) comparison.getOrDefault("runs", List.of());
        model.addAttribute("runs", runs);
        model.addAttribute("rows", metricRows(runs));
        model.addAttribute("charts", ComparisonCharts.of(runs));
        model.addAttribute("sharedTestSplit", sharedTestSplit(runs));
        return "compare";
    }

    /**
     * The hash of the test split every compared run evaluated its models on, when it is one and the same (their
     * metrics then compare like for like); else null.
     */
    private static String sharedTestSplit(List<Map<String, Object>> runs) {
        Set<Object> hashes = runs.stream().map(r -> r.get("testIdsSha256")).collect(Collectors.toSet());
        return hashes.size() == 1 && hashes.iterator().next() instanceof String hash ? hash : null;
    }

    /** One row per model of each run, for the metrics table. */
    public record MetricRow(Map<String, Object> run, Map<String, Object> model, boolean charted) {}

    @SuppressWarnings("unchecked")
    private static List<MetricRow> metricRows(List<Map<String, Object>> runs) {
        List<MetricRow> rows = new ArrayList<>();
        for (Map<String, Object> run : runs) {
            Map<String, Object> charted = ComparisonCharts.chartedModel(run);
            if (run.get("models") instanceof List<?> models) {
                for (Object model : models) {
                    rows.add(new MetricRow(run, (Map<String, Object>) model, model == charted));
                }
            }
        }
        return rows;
    }

    @GetMapping("/runs/new")
    String newRun(@ModelAttribute("form") StartRunForm form, Model model, RedirectAttributes redirect) {
        if (!SignedInKey.user().canStartRun()) {
            redirect.addFlashAttribute("problem", "Starting a run needs a key with the TRAINER role.");
            return "redirect:/runs";
        }
        model.addAttribute("portfolios", portfolioNames());
        model.addAttribute("algorithms", ALGORITHMS);
        return "run-new";
    }

    @PostMapping("/runs")
    String startRun(
            @Validated @ModelAttribute("form") StartRunForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (!SignedInKey.user().canStartRun()) {
            redirect.addFlashAttribute("problem", "Starting a run needs a key with the TRAINER role.");
            return "redirect:/runs";
        }
        String problem = null;
        Map<String, Object> params = Map.of();
        if (errors.hasErrors()) {
            problem = "The overrides have at most 4,000 characters.";
        } else if (text(form.portfolio()).isEmpty()) {
            problem = "Choose the portfolio to train.";
        } else {
            try {
                params = OverrideLines.parse(form.params());
            } catch (IllegalArgumentException e) {
                problem = "Overrides: " + e.getMessage();
            }
        }
        if (problem == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("algorithms", form.algorithms() == null ? List.of() : form.algorithms());
            body.put("params", params);
            try {
                Map<String, Object> started = platform.post(
                        Service.TRAINING, body, "/v1/portfolios/{portfolio}/training-runs", form.portfolio());
                Object runId = started.get("runId");
                redirect.addFlashAttribute(
                        "notice",
                        "Run " + runId + " is " + started.get("status") + " for " + form.portfolio()
                                + "; reload this page to follow it.");
                return "redirect:/runs/" + UUID.fromString(String.valueOf(runId));
            } catch (ServiceCallException e) {
                if (e.status() >= 500) {
                    throw e;
                }
                problem = e.service().displayName() + " refused: " + e.getMessage();
            }
        }
        // the form again, as filled in, with the reason
        model.addAttribute("problem", problem);
        model.addAttribute("portfolios", portfolioNames());
        model.addAttribute("algorithms", ALGORITHMS);
        return "run-new";
    }

    @GetMapping("/runs/{runId}")
    String run(@PathVariable UUID runId, Model model) {
        Map<String, Object> run = platform.object(Service.TRAINING, "/v1/training-runs/{runId}", runId);
        model.addAttribute("run", run);
        model.addAttribute("source", RunSource.of(run));
        return "run";
    }

    /** The run's HTML comparison report from the training service, passed on under the report policy. */
    @GetMapping("/runs/{runId}/report")
    ResponseEntity<String> report(@PathVariable UUID runId, HttpServletResponse response) throws IOException {
        if (PassThrough.refusedWithoutDownloadRole(response)) {
            return null;
        }
        return PassThrough.report(platform.html(Service.TRAINING, "/v1/training-runs/{runId}/report", runId));
    }

    private List<String> portfolioNames() {
        return platform.array(Service.INGESTION, "/v1/portfolios").stream()
                .map(p -> String.valueOf(p.get("portfolio")))
                .sorted()
                .toList();
    }

    static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
