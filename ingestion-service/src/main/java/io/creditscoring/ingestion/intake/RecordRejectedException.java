package io.creditscoring.ingestion.intake;

/** Thrown while reading a record that cannot be stored; carries the rejection. Cheap: no stack trace. */
final class RecordRejectedException extends RuntimeException {

    private final transient Rejection rejection;

    RecordRejectedException(Rejection rejection) {
        super(rejection.first().message(), null, false, false);
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }
}
