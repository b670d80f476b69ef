package dev.breakwater.api;

/**
 * One change of a circuit breaker's state.
 *
 * @param breaker the breaker's name
 * @param from the state before
 * @param to the state now
 */
public record BreakerStateChange(String breaker, BreakerState from, BreakerState to) {}
