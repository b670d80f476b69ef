package dev.breakwater.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * The calls a rate limiter has admitted and refused since it was created: the two results of the metric
 * {@code ft.ratelimit.calls.total}. Admitted calls are counted by the limiter itself, in the atomic step that admits
 * them, so an admission costs one atomic instruction; refusals, off the success path, in an adder.
 */
public final class RateLimiterCounters {

    private final RateLimiter limiter;
    private final LongAdder rejected = new LongAdder();

    RateLimiterCounters(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** @return attempts the limiter let through; exact once the calls it counts have been decided */
    public long permitted() {
        return limiter.admitted();
    }

    /** @return attempts the limiter refused */
    public long rejected() {
        return rejected.sum();
    }

    void recordRejected() {
        rejected.increment();
    }
}
