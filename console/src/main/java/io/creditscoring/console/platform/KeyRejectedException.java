package io.creditscoring.console.platform;

/** A service answered 401: the key is unknown, revoked or expired, so the session that holds it is over. */
public class KeyRejectedException extends RuntimeException {

    KeyRejectedException(Service service) {
        super(service.displayName() + " no longer accepts this API key");
    }
}
