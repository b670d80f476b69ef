package dev.breakwater.api;

/**
 * Told when a circuit breaker changes state. Called on the thread whose call (or control request) caused the
 * change, after it took effect, so it must be quick and must not block. An exception it throws is logged and
 * does not reach that call. An open breaker becomes half-open when its delay has passed, but the change is
 * reported when the first call after the delay arrives.
 */
@FunctionalInterface
public interface BreakerStateListener {

    /** @param change what changed */
    void onStateChange(BreakerStateChange change);
}
