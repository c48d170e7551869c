package io.creditscoring.security;

/** How an audited action ended. */
public enum AuditOutcome {
    /** written before the action ran; a row left in this state means the process stopped during the action */
    STARTED,
    SUCCEEDED,
    FAILED,
    /** refused by authorization: a valid key without the role */
    DENIED
}
