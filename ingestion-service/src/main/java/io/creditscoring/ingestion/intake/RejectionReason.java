package io.creditscoring.ingestion.intake;

import io.creditscoring.ingestion.validation.ViolationRule;

/** Why a record was dead-lettered; written to the {@code x-rejection-reason} header and the dead-letter table. */
enum RejectionReason {
    /** The key or the value is not valid UTF-8; the dead letter carries the bytes as they came. */
    INVALID_ENCODING,
    UNPARSEABLE_JSON,
    MISSING_FIELD,
    WRONG_TYPE,
    /** An applicationId or portfolio that breaks the identifier rule (length, control characters, Unicode). */
    INVALID_IDENTIFIER,
    UNKNOWN_PORTFOLIO,
    /** A feature value whose text holds a control character or a lone surrogate. */
    INVALID_TEXT,
    MISSING_FEATURE,
    UNKNOWN_FEATURE,
    NOT_FINITE,
    OUT_OF_RANGE,
    UNKNOWN_CATEGORY,
    /** Another payload is already stored under the same (portfolio, applicationId). */
    CONFLICT,
    /**
     * PostgreSQL refused to store the record for its data (SQLSTATE class 22, 23 or 54); the batch was split until
     * this record was alone, and the others were stored.
     */
    REJECTED_BY_DATABASE,
    /** An unexpected failure while reading the record; logged, the record is dead-lettered, not retried. */
    PROCESSING_ERROR;

    static RejectionReason of(ViolationRule rule) {
        return valueOf(rule.name());
    }
}
