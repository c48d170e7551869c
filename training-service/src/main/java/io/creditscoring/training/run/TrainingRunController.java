package io.creditscoring.training.run;

import io.creditscoring.web.ApiProblemException;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Training runs over REST: start one, read it, read its comparison report. */
@RestController
class TrainingRunController {

    private final TrainingRunService service;

    TrainingRunController(TrainingRunService service) {
        this.service = service;
    }

    @PostMapping("/v1/portfolios/{portfolio}/training-runs")
    ResponseEntity<StartedRun> start(
            @PathVariable String portfolio, @RequestBody(required = false) StartRunRequest request) {
        StartedRun started = service.start(portfolio, request, "rest");
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
}
