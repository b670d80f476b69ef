package dev.breakwater.examples.plainjava;

/** The payment gateway could not be reached or did not charge: what the guard retries and its breaker counts. */
public final class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
