package io.creditscoring.console.decisions;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The adverse-action dispute view: every logged decision of one application, with the model version, score,
 * reasons and the features as received (drift-monitor keeps the decision log).
 */
@Controller
class DecisionsController {

    private final PlatformApi platform;

    DecisionsController(PlatformApi platform) {
        this.platform = platform;
    }

    @GetMapping("/decisions")
    String decisions(
            @RequestParam(required = false) String portfolio,
            @RequestParam(required = false) String applicationId,
            Model model) {
        model.addAttribute(
                "portfolios",
                platform.array(Service.INGESTION, "/v1/portfolios").stream()
                        .map(p -> String.valueOf(p.get("portfolio")))
                        .toList());
        model.addAttribute("portfolio", portfolio);
        model.addAttribute("applicationId", applicationId);
        if (portfolio != null && !portfolio.isBlank() && applicationId != null && !applicationId.isBlank()) {
            model.addAttribute("searched", true);
            model.addAttribute(
                    "decisions",
                    platform.arrayIfPresent(
                            Service.DRIFT,
                            "/v1/portfolios/{portfolio}/decisions/{applicationId}",
                            portfolio.strip(),
                            applicationId.strip()));
        }
        return "decisions";
    }
}
