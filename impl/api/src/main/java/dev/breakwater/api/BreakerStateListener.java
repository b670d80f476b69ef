package dev.breakwater.api;

/**
 * Told when a circuit breaker changes state. A breaker's changes are told one at a time, in the order they took
 * effect, so they form one path through the states and the last one's {@code to} is the state
 * {@link CircuitBreakers#list()} shows. Called on the thread that made the change, after it took effect: a call, a
 * control request, or, for the change from open to half-open, whichever comes first after the delay: the breaker's
 * timer at the delay's end, a call, or a look at the breaker. It must be quick and must not block. An exception it
 * throws is logged and does not reach that call.
 */
@FunctionalInterface
public interface BreakerStateListener {

    /** A listener that ignores every change. */
    BreakerStateListener NONE = change -> {};

    /** @param change what changed */
    void onStateChange(BreakerStateChange change);
}
