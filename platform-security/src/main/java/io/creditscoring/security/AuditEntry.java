package io.creditscoring.security;

import java.time.Instant;

/**
 * One row of the audit log.
 *
 * @param auditId the row's id, increasing
 * @param at when the action was asked for
 * @param service the service that performed it
 * @param keyId the API key that asked (or {@code system:<component>} for the platform's own actions)
 * @param action what was done, for example {@code promotion.approve}
 * @param target what it was done to, for example the request's path
 * @param outcome STARTED, SUCCEEDED, FAILED or DENIED
 * @param status the HTTP status answered, when the action came over HTTP
 * @param detail what else a reviewer needs: a justification, the run id created, a failure
 */
public record AuditEntry(
        long auditId,
        Instant at,
        String service,
        String keyId,
        String action,
        String target,
        AuditOutcome outcome,
        Integer status,
        String detail) {}
