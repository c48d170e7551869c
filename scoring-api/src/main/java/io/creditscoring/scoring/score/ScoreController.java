package io.creditscoring.scoring.score;

import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.scoring.ScoringProperties;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Scores one application or a batch with the portfolio's champion model. */
@RestController
@RequestMapping(path = "/v1/portfolios/{portfolio}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Scoring", description = "Probability of default, score, decision and reasons")
@SecurityRequirement(name = "apiKey")
class ScoreController {

    private final ScoringService scoring;
    private final JsonBodyReader bodies;
    private final int maxBatch;

    ScoreController(ScoringService scoring, JsonBodyReader bodies, ScoringProperties properties) {
        this.scoring = scoring;
        this.bodies = bodies;
        this.maxBatch = properties.maxBatchSize();
    }

    @PostMapping(path = "/score", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Score one application",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ScoreRequests.Single.class))))
    ScoreResult score(@PathVariable String portfolio, HttpServletRequest request) {
        return scoring.scoreOne(portfolio, bodies.readBytes(request));
    }

    @PostMapping(path = "/score/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Score a batch of applications with one model version; results in request order",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ScoreRequests.Batch.class))))
    ScoreRequests.BatchResult scoreBatch(@PathVariable String portfolio, HttpServletRequest request) {
        JsonNode body = bodies.read(request);
        JsonNode applications = body.get("applications");
        if (applications == null || !applications.isArray() || applications.isEmpty()) {
            throw ApiProblemException.validation(
                    "The batch holds no applications.",
                    List.of(new SchemaViolation("applications", "must be a non-empty array of applications")));
        }
        if (applications.size() > maxBatch) {
            throw ScoringProblems.tooLarge(
                    "The batch is too large.",
                    new SchemaViolation(
                            "applications",
                            "holds " + applications.size() + " applications, at most " + maxBatch + " are accepted"));
        }
        boolean allReasons = ApplicationInput.reasonsAsked(body);
        List<ApplicationInput> inputs = new ArrayList<>(applications.size());
        List<SchemaViolation> errors = new ArrayList<>();
        for (int i = 0; i < applications.size(); i++) {
            JsonNode application = applications.get(i);
            String at = "applications[" + i + "]";
            if (!application.isObject()) {
                errors.add(new SchemaViolation(at, "must be an object with applicationId and features"));
                continue;
            }
            inputs.add(ApplicationInput.of(application, at + ".", allReasons));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation("The batch has invalid applications.", errors);
        }
        return new ScoreRequests.BatchResult(scoring.score(portfolio, inputs));
    }
}
