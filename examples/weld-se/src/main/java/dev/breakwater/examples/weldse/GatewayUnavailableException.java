package dev.breakwater.examples.weldse;

/** The gateway could not be reached or did not charge: a failed connection or a non-200 answer. */
public class GatewayUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayUnavailableException(String message) {
        super(message);
    }

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
