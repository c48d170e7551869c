package io.creditscoring.scoring.model;

/** A model version whose artifact cannot serve: checksum mismatch, unreadable pipeline, ONNX Runtime refusal. */
class ModelLoadException extends RuntimeException {

    ModelLoadException(String message) {
        super(message);
    }

    ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
