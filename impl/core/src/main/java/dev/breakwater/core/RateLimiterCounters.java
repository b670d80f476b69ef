package dev.breakwater.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * The calls a rate limiter has admitted and refused since it was created: the two results of the metric
 * {@code ft.ratelimit.calls.total}. Adders, because every caller of a busy limiter counts.
 */
public final class RateLimiterCounters {

    private final LongAdder permitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /** @return attempts the limiter let through */
    public long permitted() {
        return permitted.sum();
    }

    /** @return attempts the limiter refused */
    public long rejected() {
        return rejected.sum();
    }

    void recordPermitted() {
        permitted.increment();
    }

    void recordRejected() {
        rejected.increment();
    }
}
