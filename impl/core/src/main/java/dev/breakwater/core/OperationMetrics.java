package dev.breakwater.core;

import dev.breakwater.api.BreakerState;

/**
 * Receives the events of one guarded operation that metrics count, in the vocabulary of the MicroProfile Fault
 * Tolerance metrics. A pipeline built without metrics holds no recorder at all, so disabled metrics cost one
 * branch on a final field per event and nothing else; implementations are called on the hot path and must be
 * cheap, thread-safe and never throw.
 */
public interface OperationMetrics {

    /** How a call ended, as its caller saw it. */
    enum InvocationResult {
        VALUE_RETURNED,
        EXCEPTION_THROWN
    }

    /** Whether the call's fallback was used. */
    enum FallbackUse {
        APPLIED,
        NOT_APPLIED,
        NOT_DEFINED
    }

    /** Why the last attempt of a call was not retried. */
    enum RetryResult {
        VALUE_RETURNED,
        EXCEPTION_NOT_RETRYABLE,
        MAX_RETRIES_REACHED,
        MAX_DURATION_REACHED
    }

    /** How the circuit breaker judged one attempt. */
    enum CircuitBreakerResult {
        SUCCESS,
        FAILURE,
        CIRCUIT_BREAKER_OPEN
    }

    /**
     * A call ended.
     *
     * @param result what the caller got
     * @param fallback whether a fallback produced it
     */
    void invocation(InvocationResult result, FallbackUse fallback);

    /**
     * The retry logic of a call ended.
     *
     * @param retried whether at least one retry happened
     * @param result why it stopped
     */
    void retryCall(boolean retried, RetryResult result);

    /** One retry is about to start. */
    void retry();

    /**
     * One attempt under a timeout ended.
     *
     * @param timedOut whether it ran out of time
     * @param executionNanos how long it ran
     */
    void timeoutCall(boolean timedOut, long executionNanos);

    /**
     * The circuit breaker judged one attempt.
     *
     * @param result the verdict
     */
    void circuitBreakerCall(CircuitBreakerResult result);

    /** The circuit breaker moved from closed to open. */
    void circuitBreakerOpened();

    /**
     * The bulkhead decided about one attempt.
     *
     * @param accepted whether the attempt may run (or wait in the queue)
     */
    void bulkheadCall(boolean accepted);

    /**
     * The rate limit decided about one attempt.
     *
     * @param permitted whether the attempt may run
     */
    void rateLimitCall(boolean permitted);

    /**
     * An attempt admitted by the bulkhead finished running.
     *
     * @param runningNanos how long it held its place
     */
    void bulkheadRan(long runningNanos);

    /**
     * An attempt left the bulkhead's queue to run.
     *
     * @param waitingNanos how long it waited
     */
    void bulkheadWaited(long waitingNanos);

    /**
     * The state the spec's metrics show for a breaker's state: the spec knows three, so a breaker held open by an
     * operator is open, one held closed or disabled is closed.
     *
     * @param state the breaker's state
     * @return {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     */
    static BreakerState specState(BreakerState state) {
        return switch (state) {
            case HELD_OPEN -> BreakerState.OPEN;
            case HELD_CLOSED, DISABLED -> BreakerState.CLOSED;
            default -> state;
        };
    }

    /**
     * Whether a change of state is what {@link #circuitBreakerOpened()} counts, the spec's "moved from closed state to
     * open state".
     *
     * @param from the state before
     * @param to the state now
     * @return whether it counts
     */
    static boolean countsAsOpening(BreakerState from, BreakerState to) {
        return specState(from) == BreakerState.CLOSED && specState(to) == BreakerState.OPEN;
    }
}
