package io.creditscoring.drift.challenger;

import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Champion and challenger compared on the same matured applications. */
@RestController
@Tag(name = "Champion and challenger", description = "The challenger's shadow scores against the champion's decisions")
class ChampionChallengerController {

    private final ChampionChallenger comparisons;

    ChampionChallengerController(ChampionChallenger comparisons) {
        this.comparisons = comparisons;
    }

    @GetMapping("/v1/portfolios/{portfolio}/champion-challenger")
    @Operation(
            summary = "Champion vs challenger on the same matured applications",
            description = "AUC of each with DeLong's test for the difference (z, p-value), KS, Brier, expected"
                    + " calibration error, approval rate of each, and the applications the two decide differently."
                    + " By default the pair of the newest shadow-scored decision; 404 when the decision log holds no"
                    + " shadow score that matches.")
    ChampionChallengerComparison compare(
            @PathVariable String portfolio,
            @Parameter(description = "the champion version (default: that of the newest shadow-scored decision)")
                    @RequestParam(required = false)
                    @Min(1)
                    Integer championVersion,
            @Parameter(description = "the challenger version (default: that of the newest shadow-scored decision)")
                    @RequestParam(required = false)
                    @Min(1)
                    Integer challengerVersion,
            @Parameter(description = "only the applications of this drift window") @RequestParam(required = false)
                    Long windowId) {
        return comparisons
                .compare(portfolio, championVersion, challengerVersion, windowId)
                .orElseThrow(() -> ApiProblemException.notFound("no shadow-scored decision of portfolio '" + portfolio
                        + "'" + (championVersion == null ? "" : " by champion version " + championVersion)
                        + (challengerVersion == null ? "" : " with challenger version " + challengerVersion)
                        + (windowId == null ? "" : " in window " + windowId)
                        + ": the portfolio needs a challenger, and the scoring API must have scored with it"));
    }
}
