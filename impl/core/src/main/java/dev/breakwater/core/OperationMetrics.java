package dev.breakwater.core;

/**
 * Receives the events of one guarded operation that metrics count, in the vocabulary of the MicroProfile Fault
 * Tolerance metrics. A pipeline built without metrics holds no recorder at all, so disabled metrics cost one
 * branch on a final field per event and nothing else; implementations are called on the hot path and must be
 * cheap, thread-safe and never throw.
 */
public interface OperationMetrics {

    /** How a call ended, as its caller saw it. */
    enum InvocationResult { VALUE_RETURNED, EXCEPTION_THROWN }

    /** Whether the call's fallback was used. */
    enum FallbackUse { APPLIED, NOT_APPLIED, NOT_DEFINED }

    /** Why the last attempt of a call was not retried. */
    enum RetryResult { VALUE_RETURNED, EXCEPTION_NOT_RETRYABLE, MAX_RETRIES_REACHED, MAX_DURATION_REACHED }

    /** How the circuit breaker judged one attempt. */
    enum CircuitBreakerResult { SUCCESS, FAILURE, CIRCUIT_BREAKER_OPEN }

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
}
