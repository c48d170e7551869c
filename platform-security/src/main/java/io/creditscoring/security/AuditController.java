package io.creditscoring.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of this service's actions (ADMIN keys). */
@RestController
@Tag(name = "Audit", description = "Who changed what, when, and how it ended; ADMIN keys only")
@SecurityRequirement(name = "apiKey")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/v1/audit")
    @Operation(
            summary = "This service's audit rows, newest first",
            description = "Newest first by auditId. Page on with before = the smallest auditId of the previous page;"
                    + " ids come from one sequence shared by the four services, so their pages merge by id.")
    List<AuditEntry> find(
            @Parameter(description = "rows at or after this time (ISO-8601)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    Instant from,
            @Parameter(description = "rows before this time (ISO-8601)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    Instant to,
            @Parameter(description = "only this action, for example api-key.create") @RequestParam(required = false)
                    String action,
            @Parameter(description = "only rows of this API key id (the actor)") @RequestParam(required = false)
                    String keyId,
            @Parameter(description = "only rows whose auditId is below this one (the next page)")
                    @RequestParam(required = false)
                    Long before,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return audit.find(new AuditQuery(from, to, blankToNull(action), blankToNull(keyId), before), limit);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
