package io.creditscoring.training.run;

import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.security.ApiKeyPrincipal;
import io.creditscoring.security.AuditLog;
import io.creditscoring.security.Audited;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Training runs over REST: start one (TRAINER; the run records the caller's key id), list and search them, compare
 * two or more, read one and its report (READER).
 */
@RestController
@Tag(name = "Training runs", description = "Start, list, search and compare training runs")
class TrainingRunController {

    /** The most runs one page of the list holds. */
    static final int MAX_PAGE_SIZE = 100;

    private final TrainingRunService service;

    TrainingRunController(TrainingRunService service) {
        this.service = service;
    }

    @PostMapping("/v1/portfolios/{portfolio}/training-runs")
    @Audited("training-run.start")
    ResponseEntity<StartedRun> start(
            @PathVariable String portfolio,
            @RequestBody(required = false) StartRunRequest request,
            @AuthenticationPrincipal ApiKeyPrincipal caller,
            HttpServletRequest http) {
        StartedRun started = service.start(portfolio, request, caller.keyId());
        http.setAttribute(AuditLog.DETAIL_ATTRIBUTE, "run " + started.runId());
        return ResponseEntity.accepted()
                .location(URI.create("/v1/training-runs/" + started.runId()))
                .body(started);
    }

    @GetMapping("/v1/training-runs")
    @Operation(
            summary = "List runs, newest first, filtered by portfolio, status, engine and creation time, searched by"
                    + " text (run id, parameters, reason, requester, failure reason, promotion decision)")
    RunPage list(
            @Parameter(description = "only this portfolio's runs") @RequestParam(required = false) String portfolio,
            @Parameter(description = "QUEUED, RUNNING, SUCCEEDED or FAILED") @RequestParam(required = false)
                    String status,
            @Parameter(description = "local or spark") @RequestParam(required = false) String engine,
            @Parameter(description = "created at or after: an ISO-8601 instant, or a date (its midnight, UTC)")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "created before: an ISO-8601 instant, or a date (the whole day included, UTC)")
                    @RequestParam(required = false)
                    String to,
            @Parameter(description = "case-insensitive text, at most 200 characters; a parameter as name=value")
                    @RequestParam(required = false)
                    String q,
            @Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "runs per page, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiProblemException.validation(
                    "invalid page",
                    List.of(new SchemaViolation(
                            page < 0 ? "page" : "size",
                            "page is 0 or more and size 1 to " + MAX_PAGE_SIZE + ", got page " + page + " and size "
                                    + size)));
        }
        return service.list(RunFilter.parse(portfolio, status, engine, from, to, q), page, size);
    }

    @GetMapping("/v1/training-runs/compare")
    @Operation(
            summary = "Compare 2 to 10 runs: each model's test metrics with its ROC and KS curves on its run's test"
                    + " split")
    RunComparison compare(
            @Parameter(description = "the runs, as repeated or comma-separated ids") @RequestParam List<UUID> runIds) {
        return service.compare(runIds);
    }

    @GetMapping("/v1/training-runs/{runId}")
    @Operation(summary = "A run: status, parameters, each model's metrics, trials, lineage")
    RunView get(@PathVariable UUID runId) {
        return service.find(runId).orElseThrow(() -> ApiProblemException.notFound("no training run " + runId));
    }

    @GetMapping(value = "/v1/training-runs/{runId}/report", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<byte[]> report(@PathVariable UUID runId) {
        RunView run = get(runId);
        byte[] html = service.report(runId)
                .orElseThrow(() -> ApiProblemException.notFound("training run " + runId + " has no report (status "
                        + run.status() + (run.failureReason() == null ? "" : ": " + run.failureReason()) + ")"));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(html);
    }

    /** A Spark run's driver log (plain text), while the job runs and after. */
    @GetMapping(value = "/v1/training-runs/{runId}/driver-log", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<byte[]> driverLog(@PathVariable UUID runId) throws java.io.IOException {
        get(runId);
        java.nio.file.Path log = service.driverLog(runId)
                .filter(java.nio.file.Files::isReadable)
                .orElseThrow(() -> ApiProblemException.notFound("training run " + runId + " has no Spark driver log"));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                .body(java.nio.file.Files.readAllBytes(log));
    }
}
