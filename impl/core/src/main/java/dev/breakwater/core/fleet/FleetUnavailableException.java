package dev.breakwater.core.fleet;

/**
 * The fleet's store did not answer in time, refused, or answered something that is not a valid answer. The member
 * counts it as a failed exchange and, after a bounded number in a row, falls back to each breaker's local state.
 */
public final class FleetUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the store
     * @param cause what the store's client threw, or {@code null}
     */
    public FleetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
