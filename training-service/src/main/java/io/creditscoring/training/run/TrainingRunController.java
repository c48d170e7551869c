package io.creditscoring.training.run;

import io.creditscoring.security.ApiKeyPrincipal;
import io.creditscoring.security.AuditLog;
import io.creditscoring.security.Audited;
import io.creditscoring.web.ApiProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Training runs over REST: start one (TRAINER; the run records the caller's key id), read it, read its report. */
@RestController
class TrainingRunController {

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

    @GetMapping("/v1/training-runs/{runId}")
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
