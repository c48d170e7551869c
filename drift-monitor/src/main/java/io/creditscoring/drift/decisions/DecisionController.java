package io.creditscoring.drift.decisions;

import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The decision log, read back per application: the record an adverse-action dispute relies on. */
@RestController
@Tag(name = "Decisions", description = "Logged scoring decisions per application, for disputes")
class DecisionController {

    private final DecisionHistory history;

    DecisionController(DecisionHistory history) {
        this.history = history;
    }

    @GetMapping("/v1/portfolios/{portfolio}/decisions/{applicationId}")
    @Operation(
            summary = "The logged decisions of an application, newest first",
            description = "Each with model version, probability of default, score, decision, reasons, the"
                    + " features as received and, when the portfolio had a challenger, its shadow result; 404 when the"
                    + " decision log holds none.")
    List<LoggedDecision> decisions(
            @PathVariable String portfolio,
            @PathVariable String applicationId,
            @Parameter(description = "most decisions returned") @RequestParam(defaultValue = "100") @Min(1) @Max(1000)
                    int limit) {
        List<LoggedDecision> decisions = history.of(portfolio, applicationId, limit);
        if (decisions.isEmpty()) {
            throw ApiProblemException.notFound(
                    "no logged decision for application '" + applicationId + "' of portfolio '" + portfolio + "'");
        }
        return decisions;
    }
}
