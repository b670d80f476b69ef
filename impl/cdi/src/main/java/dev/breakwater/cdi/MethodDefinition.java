package dev.breakwater.cdi;

import dev.breakwater.core.AsyncMode;
import dev.breakwater.core.BulkheadPolicy;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.ExceptionPredicate;
import dev.breakwater.core.RateLimitPolicy;
import dev.breakwater.core.RetryPolicy;
import dev.breakwater.core.TimeoutPolicy;

/**
 * The validated, config-resolved fault tolerance of one guarded method. A policy is {@code null} when its
 * annotation is absent or disabled.
 *
 * @param guarded the method
 * @param asyncMode how it runs asynchronously, or {@code null} for a synchronous method
 * @param offload whether an asynchronous call moves to a worker thread ({@code @Asynchronous}), or runs on the
 *                caller's thread with its returned stage guarded (non-compatible mode without {@code @Asynchronous})
 * @param timeout its timeout
 * @param retry its retry
 * @param retryPredicates the predicates of its {@code @RetryWhen} (SmallRye's API) that replace the retry's, or
 *                        {@code null}
 * @param beforeRetry what its {@code @BeforeRetry} (SmallRye's API) calls before each retry, or {@code null}
 * @param circuitBreaker its circuit breaker
 * @param bulkhead its bulkhead
 * @param rateLimit its rate limit (SmallRye's {@code @RateLimit})
 * @param fallback what its fallback calls
 * @param fallbackApplyOn which failures its fallback handles
 */
record MethodDefinition(
        GuardedMethod guarded,
        AsyncMode asyncMode,
        boolean offload,
        TimeoutPolicy timeout,
        RetryPolicy retry,
        RetryPredicates retryPredicates,
        BeforeRetryTarget beforeRetry,
        CircuitBreakerPolicy circuitBreaker,
        BulkheadPolicy bulkhead,
        RateLimitPolicy rateLimit,
        FallbackTarget fallback,
        ExceptionPredicate fallbackApplyOn) {

    /** @return whether any policy is in effect */
    boolean guardsAnything() {
        return asyncMode != null
                || timeout != null
                || retry != null
                || circuitBreaker != null
                || bulkhead != null
                || rateLimit != null
                || fallback != null;
    }
}
