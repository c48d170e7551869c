package io.creditscoring.console.platform;

/**
 * A service refused a call or did not answer. The message is the service's own problem detail (written for API
 * clients, safe to show) or says which service did not answer; never an internal exception's text.
 */
public class ServiceCallException extends RuntimeException {

    private final Service service;
    private final int status;

    private ServiceCallException(Service service, int status, String message) {
        super(message);
        this.service = service;
        this.status = status;
    }

    static ServiceCallException refused(Service service, int status, String detail) {
        return new ServiceCallException(service, status, detail);
    }

    static ServiceCallException unreachable(Service service) {
        return new ServiceCallException(service, 503, service.displayName() + " did not answer; try again shortly.");
    }

    public Service service() {
        return service;
    }

    /** The HTTP status the service answered (503 when it did not answer). */
    public int status() {
        return status;
    }
}
