package io.creditscoring.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;

/**
 * Records refusals of authenticated keys on state-changing methods (a key trying what its roles do not allow is
 * what a reviewer looks for). Refused reads and anonymous calls are not recorded, so that a flood of them
 * cannot fill the log; they are counted by the HTTP metrics.
 */
final class DeniedAccessAudit {

    private static final Logger log = LoggerFactory.getLogger(DeniedAccessAudit.class);

    private final AuditLog audit;

    DeniedAccessAudit(AuditLog audit) {
        this.audit = audit;
    }

    void record(HttpServletRequest request) {
        String method = request.getMethod();
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)) {
            return;
        }
        try {
            audit.record(
                    AuditInterceptor.callerId(),
                    "access.denied",
                    AuditInterceptor.target(request),
                    AuditOutcome.DENIED,
                    403,
                    null);
        } catch (DataAccessException e) {
            log.error("Refusal of {} could not be written to the audit log", AuditInterceptor.target(request), e);
        }
    }
}
