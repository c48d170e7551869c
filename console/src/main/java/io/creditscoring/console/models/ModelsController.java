package io.creditscoring.console.models;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import io.creditscoring.console.web.Flash;
import io.creditscoring.console.web.PassThrough;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A portfolio's model versions with aliases and metrics, its promotion requests and history, and the four-eyes
 * forms: one key asks (TRAINER or APPROVER), another approves or rejects (APPROVER). The training service
 * enforces both; the page only offers what the signed-in key's roles allow.
 */
@Controller
class ModelsController {

    /** The training service's header with the artifact's sha256. */
    static final String ARTIFACT_SHA256_HEADER = "X-Artifact-SHA256";

    private final PlatformApi platform;

    ModelsController(PlatformApi platform) {
        this.platform = platform;
    }

    /** The promotion request form. */
    record RequestForm(
            @NotBlank @Pattern(regexp = "champion|challenger")
            String alias,

            @NotBlank @Size(max = 2000) String reason) {}

    /** The approve or reject form. */
    record DecisionForm(@Size(max = 2000) String comment) {}

    @GetMapping("/portfolios/{portfolio}/models")
    String models(@PathVariable String portfolio, Model model) {
        model.addAttribute("portfolio", portfolio);
        model.addAttribute(
                "models", platform.arrayIfPresent(Service.TRAINING, "/v1/portfolios/{portfolio}/models", portfolio));
        model.addAttribute(
                "requests",
                platform.array(Service.TRAINING, "/v1/promotion-requests?portfolio={portfolio}&limit=50", portfolio));
        // the service answers oldest first; the page shows the latest change on top
        List<Map<String, Object>> history = new ArrayList<>(
                platform.arrayIfPresent(Service.TRAINING, "/v1/portfolios/{portfolio}/promotions", portfolio));
        Collections.reverse(history);
        model.addAttribute("history", history);
        return "models";
    }

    /**
     * A version's ONNX artifact, fetched with the signed-in key and passed on as the training service sent it: its
     * file name, and its sha256 header, which the service checked against the bytes.
     */
    @GetMapping("/portfolios/{portfolio}/models/{version}/artifact")
    ResponseEntity<byte[]> artifact(
            @PathVariable String portfolio, @PathVariable int version, HttpServletResponse response)
            throws IOException {
        if (PassThrough.refusedWithoutDownloadRole(response)) {
            return null;
        }
        ResponseEntity<byte[]> artifact = platform.file(
                Service.TRAINING, "/v1/portfolios/{portfolio}/models/{version}/artifact", portfolio, version);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setCacheControl("no-store");
        for (String name : List.of(HttpHeaders.CONTENT_DISPOSITION, ARTIFACT_SHA256_HEADER)) {
            String value = artifact.getHeaders().getFirst(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        return new ResponseEntity<>(artifact.getBody(), headers, HttpStatus.OK);
    }

    @PostMapping("/portfolios/{portfolio}/models/{version}/promotion-requests")
    String requestPromotion(
            @PathVariable String portfolio,
            @PathVariable int version,
            @Validated @ModelAttribute RequestForm form,
            BindingResult errors,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            redirect.addFlashAttribute("problem", "A promotion request needs an alias and a reason.");
        } else {
            Flash.run(redirect, () -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("alias", form.alias());
                body.put("reason", form.reason());
                Map<String, Object> filed = platform.post(
                        Service.TRAINING,
                        body,
                        "/v1/portfolios/{portfolio}/models/{version}/promotion-requests",
                        portfolio,
                        version);
                return "Requested " + form.alias() + " for version " + version + " (request " + filed.get("requestId")
                        + "); another APPROVER key must approve it.";
            });
        }
        return "redirect:/portfolios/{portfolio}/models";
    }

    @PostMapping("/portfolios/{portfolio}/promotion-requests/{requestId}/{verdict:approve|reject}")
    String decide(
            @PathVariable String portfolio,
            @PathVariable UUID requestId,
            @PathVariable String verdict,
            @Validated @ModelAttribute DecisionForm form,
            BindingResult errors,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            redirect.addFlashAttribute("problem", "A comment has at most 2,000 characters.");
        } else {
            Flash.run(redirect, () -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("comment", form.comment());
                Map<String, Object> decided = platform.post(
                        Service.TRAINING, body, "/v1/promotion-requests/{requestId}/" + verdict, requestId);
                return "Request " + requestId + " is " + decided.get("status") + ".";
            });
        }
        return "redirect:/portfolios/{portfolio}/models";
    }
}
