package io.creditscoring.ingestion.intake;

import io.creditscoring.ingestion.validation.ViolationRule;

/** Why a record was dead-lettered; written to the {@code x-rejection-reason} header and the dead-letter table. */
enum RejectionReason {
    UNPARSEABLE_JSON,
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_PORTFOLIO,
    MISSING_FEATURE,
    UNKNOWN_FEATURE,
    NOT_FINITE,
    OUT_OF_RANGE,
    UNKNOWN_CATEGORY,
    /** Another payload is already stored under the same (portfolio, applicationId). */
    CONFLICT,
    /** An unexpected failure while reading the record; logged, the record is dead-lettered, not retried. */
    PROCESSING_ERROR;

    static RejectionReason of(ViolationRule rule) {
        return valueOf(rule.name());
    }
}
