package io.creditscoring.console.drift;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A portfolio's drift windows, newest first: verdict, drift share, score PSI, events per window. */
@Controller
class DriftController {

    private final PlatformApi platform;

    DriftController(PlatformApi platform) {
        this.platform = platform;
    }

    @GetMapping("/portfolios/{portfolio}/drift")
    String windows(@PathVariable String portfolio, Model model) {
        model.addAttribute("portfolio", portfolio);
        model.addAttribute(
                "windows",
                platform.arrayIfPresent(Service.DRIFT, "/v1/portfolios/{portfolio}/drift/windows?limit=50", portfolio));
        return "drift";
    }
}
