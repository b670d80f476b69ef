package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;

/**
 * Admits or refuses an attempt on the thread that makes it, before any thread hop: a refused call's future has
 * already failed when the caller gets it.
 */
final class AsyncRateLimit<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final RateLimiter limiter;
    private final Rejections rejections;
    private final String name;
    private final OperationMetrics metrics;

    AsyncRateLimit(
            AsyncStage<C> next,
            RateLimiter limiter,
            Rejections rejections,
            String name,
            OperationMetrics metrics) {
        this.next = next;
        this.limiter = limiter;
        this.rejections = rejections;
        this.name = name;
        this.metrics = metrics;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        long wait = limiter.tryAcquire();
        if (metrics != null) {
            metrics.rateLimitCall(wait == 0);
        }
        if (wait != 0) {
            return Futures.failed(rejections.rateLimited(name, RateLimiter.millisToWait(wait)));
        }
        return next.call(context, execution);
    }
}
