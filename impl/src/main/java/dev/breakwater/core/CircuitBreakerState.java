package dev.breakwater.core;

/** The three states of a circuit breaker. */
public enum CircuitBreakerState {
    /** Calls pass; outcomes are counted in a rolling window. */
    CLOSED,
    /** Calls are refused until the delay has passed. */
    OPEN,
    /** A limited number of trial calls pass; their outcomes decide whether the breaker closes or reopens. */
    HALF_OPEN
}
