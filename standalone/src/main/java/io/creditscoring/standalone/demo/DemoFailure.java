package io.creditscoring.standalone.demo;

/** A demo step that could not complete, with what the platform answered. */
public class DemoFailure extends RuntimeException {

    public DemoFailure(String message) {
        super(message);
    }
}
