package io.creditscoring.security;

/**
 * What an API key may do. A key holds one or more roles; no role implies another (an ADMIN key cannot score
 * unless it also holds SCORER).
 */
public enum Role {
    /** Score and infer: the scoring API's {@code /v1/portfolios/*}{@code /score*} and {@code /v2/**}. */
    SCORER,
    /** Every GET that is not administration: portfolios, stats, runs, reports, models, artifacts, drift, decisions. */
    READER,
    /** CSV imports. */
    INGESTER,
    /** Start training runs; request a promotion. */
    TRAINER,
    /** Approve or reject promotion requests; register or change portfolio schemas; evaluate drift now. */
    APPROVER,
    /** API keys ({@code /v1/admin/**}) and the audit log. */
    ADMIN;

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
