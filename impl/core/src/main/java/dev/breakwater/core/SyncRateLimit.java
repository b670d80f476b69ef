package dev.breakwater.core;

/** Refuses an attempt the rate limiter does not admit; an admitted attempt passes straight through. */
final class SyncRateLimit<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final RateLimiter limiter;
    private final Rejections rejections;
    private final String name;
    private final OperationMetrics metrics;

    SyncRateLimit(
            SyncStage<C> next,
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
    Object call(C context) throws Exception {
        long wait = limiter.tryAcquire();
        if (metrics != null) {
            metrics.rateLimitCall(wait == 0);
        }
        if (wait != 0) {
            throw rejections.rateLimited(name, RateLimiter.millisToWait(wait));
        }
        return next.call(context);
    }
}
