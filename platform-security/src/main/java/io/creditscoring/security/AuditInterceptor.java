package io.creditscoring.security;

import io.creditscoring.web.ApiProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Writes the audit row of every {@link Audited} endpoint: STARTED before the handler runs, so that an action the
 * log cannot record is refused (503) instead of happening unrecorded, and the outcome once the answer is known.
 */
final class AuditInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
    private static final String ROW_ATTRIBUTE = AuditInterceptor.class.getName() + ".row";

    private final AuditLog audit;
    /** Each handler's annotation, looked up once: the merged-annotation search is not free on the scoring path. */
    private final Map<Method, Optional<Audited>> auditedHandlers = new ConcurrentHashMap<>();

    AuditInterceptor(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Audited audited = audited(handler);
        if (audited == null) {
            return true;
        }
        try {
            long row = audit.start(callerId(), audited.value(), target(request));
            request.setAttribute(ROW_ATTRIBUTE, row);
            return true;
        } catch (DataAccessException e) {
            log.error("Audit log not writable; {} refused", audited.value(), e);
            throw ApiProblemException.unavailable(
                    "The audit log cannot be written right now, so the action was not performed. Try again later.");
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (!(request.getAttribute(ROW_ATTRIBUTE) instanceof Long row)) {
            return;
        }
        int status = response.getStatus();
        Object detail = request.getAttribute(AuditLog.DETAIL_ATTRIBUTE);
        try {
            audit.complete(
                    row,
                    status < 400 && e == null ? AuditOutcome.SUCCEEDED : AuditOutcome.FAILED,
                    status,
                    detail == null ? null : detail.toString());
        } catch (DataAccessException failure) {
            // the STARTED row stays, which says the action ran and its end was not recorded
            log.error("Audit row {} could not be completed (status {})", row, status, failure);
        }
    }

    private Audited audited(Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return null;
        }
        return auditedHandlers
                .computeIfAbsent(
                        method.getMethod(), m -> Optional.ofNullable(method.getMethodAnnotation(Audited.class)))
                .orElse(null);
    }

    static String callerId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ApiKeyPrincipal principal
                ? principal.keyId()
                : "anonymous";
    }

    static String target(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getMethod() + " " + path;
    }
}
