package io.creditscoring.console.admin;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import io.creditscoring.console.platform.ServiceCallException;
import io.creditscoring.console.web.Flash;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform's API keys (ADMIN keys; scoring-api owns them): list, create with roles and an optional expiry,
 * rotate, revoke. A new or rotated secret is rendered once, in the answer to the form's POST: it is never kept in
 * the session (a flash attribute would be) nor shown again.
 */
@Controller
class ApiKeysController {

    static final List<String> ROLES = List.of("SCORER", "READER", "INGESTER", "TRAINER", "APPROVER", "ADMIN");
    private static final String KEYS = "/v1/admin/api-keys";

    private final PlatformApi platform;

    ApiKeysController(PlatformApi platform) {
        this.platform = platform;
    }

    @GetMapping("/admin/api-keys")
    String keys(Model model) {
        return page(model);
    }

    /** Expiry is a whole UTC day: the key stops working at the end of it. */
    @PostMapping("/admin/api-keys")
    String create(
            @RequestParam(required = false) String keyId,
            @RequestParam(required = false) List<String> roles,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
            Model model) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (keyId != null && !keyId.isBlank()) {
            request.put("keyId", keyId.strip());
        }
        request.put("roles", roles == null ? List.of() : roles);
        if (expiresOn != null) {
            request.put(
                    "expiresAt",
                    expiresOn
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .toString());
        }
        try {
            model.addAttribute("issued", platform.post(Service.SCORING, request, KEYS));
            model.addAttribute("issuedBy", "created");
        } catch (ServiceCallException e) {
            model.addAttribute("problem", "scoring-api refused: " + e.getMessage());
        }
        return page(model);
    }

    @PostMapping("/admin/api-keys/{keyId}/rotate")
    String rotate(@PathVariable String keyId, Model model) {
        try {
            model.addAttribute("issued", platform.post(Service.SCORING, Map.of(), KEYS + "/{keyId}/rotate", keyId));
            model.addAttribute("issuedBy", "rotated");
        } catch (ServiceCallException e) {
            model.addAttribute("problem", "scoring-api refused: " + e.getMessage());
        }
        return page(model);
    }

    @PostMapping("/admin/api-keys/{keyId}/revoke")
    String revoke(@PathVariable String keyId, RedirectAttributes redirect) {
        Flash.run(redirect, () -> {
            platform.delete(Service.SCORING, KEYS + "/{keyId}", keyId);
            return "Revoked " + keyId + "; every service refuses it within seconds.";
        });
        return "redirect:/admin/api-keys";
    }

    private String page(Model model) {
        model.addAttribute("keys", platform.array(Service.SCORING, KEYS));
        model.addAttribute("roles", ROLES);
        return "admin-api-keys";
    }
}
