package dev.breakwater.core;

import dev.breakwater.api.BreakerState;

/** Told when a circuit breaker changes state. */
@FunctionalInterface
public interface CircuitBreakerListener {

    /** A listener that ignores every change. */
    CircuitBreakerListener NONE = (from, to) -> { };

    /**
     * Called after the change took effect, one change at a time and in the order the changes took effect, so the
     * changes a listener sees form one path through the states and the last one's {@code to} is what
     * {@link CircuitBreaker#state()} reports. Called on the thread that made the change: a call, a control
     * request, or, for the change from open to half-open, whichever comes first after the delay: the breaker's
     * timer, a call, or a look at the breaker's state. It must be quick and must not block.
     *
     * @param from the state before
     * @param to the state now
     */
    void onStateChange(BreakerState from, BreakerState to);
}
