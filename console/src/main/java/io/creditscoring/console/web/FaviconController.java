package io.creditscoring.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Browsers ask for {@code /favicon.ico} on pages that name no icon (a drift report passed through); the console's
 * own icon answers, rather than a 404 in the browser's console.
 */
@Controller
class FaviconController {

    @GetMapping("/favicon.ico")
    String favicon() {
        return "forward:/assets/favicon.svg";
    }
}
