package dev.breakwater.api;

/**
 * The states of a circuit breaker: the three MicroProfile Fault Tolerance defines, and the three an operator puts it
 * in with {@link CircuitBreakers#holdOpen(String)}, {@link CircuitBreakers#holdClosed(String)} and
 * {@link CircuitBreakers#disable(String)}.
 */
public enum BreakerState {
    /** Calls pass; their outcomes fill the rolling window. */
    CLOSED,
    /** Calls are refused until the breaker's delay has passed. */
    OPEN,
    /** A limited number of trial calls pass; their outcomes decide whether the breaker closes or reopens. */
    HALF_OPEN,
    /**
     * Held open by an operator: every call is refused and no delay ends it, only
     * {@link CircuitBreakers#forceClosed(String)}, {@link CircuitBreakers#reset(String)} or
     * {@link CircuitBreakers#forceOpen(String)}. The spec's metrics count this time as open.
     */
    HELD_OPEN,
    /**
     * Held closed by an operator: every call passes and is counted, but no failure opens it, until
     * {@link CircuitBreakers#forceClosed(String)}, {@link CircuitBreakers#reset(String)} or another state is forced.
     * The spec's metrics count this time as closed.
     */
    HELD_CLOSED,
    /**
     * Disabled by an operator: every call passes as if there were no breaker, counted nowhere in the breaker, until
     * {@link CircuitBreakers#forceClosed(String)}, {@link CircuitBreakers#reset(String)} or another state is forced.
     * The spec's metrics count this time as closed.
     */
    DISABLED
}
