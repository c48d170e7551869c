package io.creditscoring.console.admin;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import io.creditscoring.console.platform.ServiceCallException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log of the four services in one list (ADMIN keys; the console's security configuration refuses
 * {@code /admin/**} to other keys): filters by service, actor, action and days, and pages of {@value #PAGE_SIZE}.
 * A service that does not answer is named on the page; the others' rows are still shown.
 */
@Controller
class AuditLogController {

    static final int PAGE_SIZE = 50;

    /** The actions of docs/security.md, offered in the filter (any other is typed in the same field). */
    static final List<String> ACTIONS = List.of(
            "access.denied",
            "api-key.create",
            "api-key.rotate",
            "api-key.revoke",
            "models.check",
            "portfolio.register",
            "import.csv",
            "training-run.start",
            "model.promote",
            "promotion.request",
            "promotion.approve",
            "promotion.reject",
            "drift.evaluate");

    private final PlatformApi platform;

    AuditLogController(PlatformApi platform) {
        this.platform = platform;
    }

    @GetMapping("/admin/audit")
    String audit(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long before,
            Model model) {
        AuditFilter filter = new AuditFilter(service, actor, action, from, to, before);
        List<List<Map<String, Object>>> answers = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (Service asked : services(filter)) {
            try {
                answers.add(platform.array(asked, AuditFilter.QUERY, filter.variables(PAGE_SIZE + 1)));
            } catch (ServiceCallException e) {
                silent.add(asked.displayName() + ": " + e.getMessage());
            }
        }
        AuditPage page = AuditPage.merge(answers, PAGE_SIZE);
        model.addAttribute("filter", filter);
        model.addAttribute("page", page);
        model.addAttribute("silent", silent);
        model.addAttribute(
                "olderLink",
                page.olderThan() == null
                        ? null
                        : filter.olderThan(page.olderThan()).link());
        model.addAttribute(
                "newestLink", before == null ? null : filter.firstPage().link());
        model.addAttribute(
                "services",
                Arrays.stream(Service.values()).map(Service::displayName).toList());
        model.addAttribute("actions", ACTIONS);
        return "admin-audit";
    }

    private static List<Service> services(AuditFilter filter) {
        return Arrays.stream(Service.values())
                .filter(s -> filter.service() == null || s.displayName().equals(filter.service()))
                .toList();
    }
}
