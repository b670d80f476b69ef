package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed windows, counted from the limiter's creation. The current window's number and its attempts so far are
 * packed into one long and updated with one compare-and-set: the attempts in the low bits (just enough for the
 * limit; the count stops there, so refusals beyond the limit write nothing), the window number in the rest.
 *
 * <p>A caller whose clock reading is older than the window already recorded counts in that newer window, so no
 * window ever admits more than the limit. Window numbers are kept modulo 2<sup>k</sup>, k being 64 minus the bits
 * of the limit (at least 33), so the current window is told apart from the recorded one as long as fewer than
 * 2<sup>k-1</sup> windows separate them: centuries of 1 ms windows for limits up to a million, and still 49 days
 * of 1 ms windows at the largest limit an annotation can give.
 */
final class FixedWindowRateLimiter extends RateLimiter {

    private final int limit;
    private final long windowNanos;
    private final int countBits;
    private final long countMask;
    private final AtomicLong windowAndCount = new AtomicLong();
    private final MinSpacing spacing;

    FixedWindowRateLimiter(RateLimitPolicy policy, Ticker ticker) {
        this(policy, ticker, ticker.nanoTime());
    }

    /** @param origin the ticker's reading windows are counted from (a fleet's window boundary); not after now */
    FixedWindowRateLimiter(RateLimitPolicy policy, Ticker ticker, long origin) {
        super(policy, ticker, origin);
        this.limit = policy.limit();
        this.windowNanos = policy.windowNanos();
        this.countBits = Long.SIZE - Long.numberOfLeadingZeros(limit);
        this.countMask = (1L << countBits) - 1;
        this.spacing = policy.minSpacingNanos() == 0 ? null : new MinSpacing(policy.minSpacingNanos());
    }

    @Override
    long decide() {
        long now = elapsed();
        long window = now / windowNanos;
        long limitWait;
        while (true) {
            long current = windowAndCount.get();
            long ahead = ((current & ~countMask) - (window << countBits)) >> countBits;
            long countedIn = ahead > 0 ? window + ahead : window;
            long counted = ahead < 0 ? 0 : current & countMask;
            long next = (countedIn << countBits) | Math.min(counted + 1, limit);
            if (next == current || windowAndCount.compareAndSet(current, next)) {
                limitWait = counted < limit ? 0 : (countedIn - window + 1) * windowNanos - now % windowNanos;
                break;
            }
        }
        long spacingWait = spacing == null ? 0 : spacing.record(now);
        return limitWait > 0 ? limitWait : spacingWait;
    }

    @Override
    public int permitsLeft() {
        long window = elapsed() / windowNanos;
        long current = windowAndCount.get();
        long ahead = ((current & ~countMask) - (window << countBits)) >> countBits;
        long counted = ahead < 0 ? 0 : current & countMask;
        return (int) (limit - counted);
    }
}
