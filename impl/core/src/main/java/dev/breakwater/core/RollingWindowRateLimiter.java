package dev.breakwater.core;

/**
 * Rolling windows: the times of the last {@code limit} attempts in a ring. An attempt is admitted when the oldest
 * of them lies a whole window back (or fewer than the limit have been made), so no interval of the window's length
 * ever holds more admitted calls than the limit.
 *
 * <p>This is the one limiter that takes a lock, held for a few reads and writes of the ring and never across a
 * call. Exactness needs the clock reading, the decision and the recording of an attempt to be one step over
 * {@code limit} timestamps; a lock-free ring would either let a slow writer's timestamp land out of order (and a
 * window admit one call too many) or need generation-stamped slots that wrap. The clock is read inside the lock so
 * that the ring holds times in the order the attempts were recorded. Admitted calls are counted under the same
 * lock, so admitting takes no atomic instruction besides it.
 */
final class RollingWindowRateLimiter extends RateLimiter {

    private final long windowNanos;
    private final long minSpacingNanos;
    private final long[] attempts;
    private int next;
    private int recorded;
    private long admitted;

    RollingWindowRateLimiter(RateLimitPolicy policy, Ticker ticker) {
        super(policy, ticker);
        this.windowNanos = policy.windowNanos();
        this.minSpacingNanos = policy.minSpacingNanos();
        this.attempts = new long[policy.limit()];
    }

    @Override
    long decide() {
        synchronized (attempts) {
            long now = elapsed();
            long limitWait = 0;
            if (recorded == attempts.length) {
                long oldestAge = now - attempts[next];
                limitWait = oldestAge < windowNanos ? windowNanos - oldestAge : 0;
            }
            long spacingWait = 0;
            if (minSpacingNanos > 0 && recorded > 0) {
                long sincePrevious = now - attempts[next == 0 ? attempts.length - 1 : next - 1];
                spacingWait = sincePrevious < minSpacingNanos ? minSpacingNanos - sincePrevious : 0;
            }
            attempts[next] = now;
            next = next + 1 == attempts.length ? 0 : next + 1;
            recorded = Math.min(recorded + 1, attempts.length);
            if (limitWait == 0 && spacingWait == 0) {
                admitted++;
                return 0;
            }
            return limitWait > 0 ? limitWait : spacingWait;
        }
    }

    @Override
    long admitted() {
        synchronized (attempts) {
            return admitted;
        }
    }

    @Override
    public int permitsLeft() {
        synchronized (attempts) {
            long now = elapsed();
            int inWindow = 0;
            for (int i = 0; i < recorded; i++) {
                if (now - attempts[i] < windowNanos) {
                    inWindow++;
                }
            }
            return attempts.length - inWindow;
        }
    }
}
