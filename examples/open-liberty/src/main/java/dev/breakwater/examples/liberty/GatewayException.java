package dev.breakwater.examples.liberty;

/** The gateway answered with an error or could not be reached. */
public class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
