package dev.breakwater.examples.weldse;

/** The gateway did not answer; what a refused connection or a 503 would become in a real client. */
public class GatewayUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayUnavailableException(String message) {
        super(message);
    }
}
