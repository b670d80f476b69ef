package dev.breakwater.metrics;

/**
 * Which policies a guarded method has, which decides which of the spec's metrics it gets.
 *
 * @param retry it has a retry
 * @param timeout it has a timeout
 * @param circuitBreaker it has a circuit breaker
 * @param bulkhead it has a bulkhead
 * @param fallback it has a fallback
 * @param asynchronous it runs asynchronously
 */
public record MeteredPolicies(
        boolean retry,
        boolean timeout,
        boolean circuitBreaker,
        boolean bulkhead,
        boolean fallback,
        boolean asynchronous,
        boolean rateLimit) {

    /** @return whether the spec gives the method any metrics: only {@code @Asynchronous} alone gets none */
    public boolean any() {
        return retry || timeout || circuitBreaker || bulkhead || fallback || rateLimit;
    }
}
