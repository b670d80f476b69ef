package dev.breakwater.core;

/** The rejections of the typed API: each refusal a {@link Refusal}. */
final class Refusals implements Rejections {

    static final Refusals INSTANCE = new Refusals();

    private Refusals() {}

    @Override
    public RuntimeException circuitBreakerOpen(String name) {
        return new CircuitBreakerOpen(name);
    }

    @Override
    public RuntimeException bulkheadFull(String name) {
        return new BulkheadFull(name);
    }

    @Override
    public RuntimeException timedOut(String name, long timeoutMillis) {
        return new TimedOut(name, timeoutMillis);
    }

    @Override
    public RuntimeException rateLimited(String name, long retryAfterMillis) {
        return new RateLimited(name, retryAfterMillis);
    }

    @Override
    public RuntimeException retriesExhausted(String name, boolean maxDurationReached) {
        return new RetriesExhausted(name, maxDurationReached);
    }
}
