package dev.breakwater.core;

/**
 * Creates the exceptions a pipeline throws when a policy refuses or abandons a call.
 *
 * <p>The engine does not choose the exception types: the CDI layer supplies the MicroProfile ones, a
 * programmatic user may supply their own. Exceptions are created only on the rejecting path. Those of
 * {@link #DEFAULT} record no stack trace and build their message only when it is read: a refusal is the policy's
 * decision, the message names the operation, and walking the caller's stack would cost most of a refused call.
 */
public interface Rejections {

    /** Rejections carrying Breakwater's own exception types, each a {@link Refusal}: the typed API's. */
    Rejections DEFAULT = Refusals.INSTANCE;

    /**
     * @param name the guarded operation
     * @return the exception for a call refused by an open circuit breaker
     */
    RuntimeException circuitBreakerOpen(String name);

    /**
     * @param name the guarded operation
     * @return the exception for a call refused by a full bulkhead
     */
    RuntimeException bulkheadFull(String name);

    /**
     * @param name the guarded operation
     * @param timeoutMillis the timeout that expired
     * @return the exception for a call that ran out of time
     */
    RuntimeException timedOut(String name, long timeoutMillis);

    /**
     * @param name the guarded operation
     * @param retryAfterMillis how long the caller should wait before a permit may be available (more than 0)
     * @return the exception for a call refused by a rate limit; by default Breakwater's own
     *         {@link RateLimited}
     */
    default RuntimeException rateLimited(String name, long retryAfterMillis) {
        return new RateLimited(name, retryAfterMillis);
    }

    /**
     * @param name the guarded operation
     * @param maxDurationReached whether the retries ran out of time rather than out of number
     * @return the exception for a call whose last attempt returned a result the retry policy retries
     *         ({@link RetryPolicy#retryOnResult()}) when no retry was left; by default Breakwater's own
     *         {@link RetriesExhausted}
     */
    default RuntimeException retriesExhausted(String name, boolean maxDurationReached) {
        return new RetriesExhausted(name, maxDurationReached);
    }
}
