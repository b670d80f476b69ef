package dev.breakwater.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * Smooth rate: a bucket of at most {@code limit} permits that refills one permit per {@code window / limit}
 * (rounded up to the nanosecond, so the rate is never exceeded) and starts with one permit. Kept as the single
 * instant at which the bucket would be full again, updated with one compare-and-set; the bucket holds
 * {@code limit - (fullAt - now) / interval} permits, so a call is admitted when {@code fullAt} lies at most
 * {@code limit - 1} intervals ahead and then pushes it one interval further. Refused calls take no permit.
 *
 * <p>Admitted calls are counted in an adder beside that instant: unlike a fixed window's count, the instant jumps
 * forward whenever the bucket has been full, so the number of calls it let through cannot be read back from it.
 */
final class SmoothRateLimiter extends RateLimiter {

    private final long interval;
    private final long burst;
    private final PaddedLong fullAt;
    private final MinSpacing spacing;
    private final LongAdder admitted = new LongAdder();

    SmoothRateLimiter(RateLimitPolicy policy, Ticker ticker) {
        super(policy, ticker);
        this.interval = (policy.windowNanos() - 1) / policy.limit() + 1;
        this.burst = SaturatedMath.multiply(policy.limit() - 1, interval);
        this.fullAt = new PaddedLong(burst);
        this.spacing =
                policy.minSpacingNanos() == 0 ? null : new MinSpacing(policy.minSpacingNanos());
    }

    @Override
    long decide() {
        long now = elapsed();
        long spacingWait = spacing == null ? 0 : spacing.record(now);
        while (true) {
            long current = fullAt.get();
            long permitAt = current - burst;
            if (now < permitAt) {
                return permitAt - now;
            }
            if (spacingWait > 0) {
                return spacingWait;
            }
            if (fullAt.compareAndSet(
                    current, SaturatedMath.add(Math.max(current, now), interval))) {
                admitted.increment();
                return 0;
            }
        }
    }

    @Override
    long admitted() {
        return admitted.sum();
    }

    @Override
    public int permitsLeft() {
        long missing = fullAt.get() - elapsed();
        long limit = policy().limit();
        return missing <= 0
                ? (int) limit
                : (int) Math.max(0, limit - ((missing - 1) / interval + 1));
    }
}
