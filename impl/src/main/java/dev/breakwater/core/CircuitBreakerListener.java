package dev.breakwater.core;

/** Told when a circuit breaker changes state. */
@FunctionalInterface
public interface CircuitBreakerListener {

    /** A listener that ignores every change. */
    CircuitBreakerListener NONE = (from, to) -> { };

    /**
     * Called on the thread that caused the change, after it took effect.
     *
     * @param from the state before
     * @param to the state now
     */
    void onStateChange(CircuitBreakerState from, CircuitBreakerState to);
}
