package dev.breakwater.api;

/** The states of a circuit breaker, as MicroProfile Fault Tolerance defines them. */
public enum BreakerState {
    /** Calls pass; their outcomes fill the rolling window. */
    CLOSED,
    /** Calls are refused until the breaker's delay has passed. */
    OPEN,
    /** A limited number of trial calls pass; their outcomes decide whether the breaker closes or reopens. */
    HALF_OPEN
}
