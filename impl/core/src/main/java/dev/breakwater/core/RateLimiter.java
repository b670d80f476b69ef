package dev.breakwater.core;

import dev.breakwater.api.FleetRateLimiterSnapshot;
import java.util.Optional;

/**
 * A rate limiter's shared state: one instance per limited operation, used by every caller at once.
 *
 * <p>Every call asks {@link #tryAcquire()} once. Refused calls count like admitted ones where the type says so:
 * with {@link RateLimitType#FIXED FIXED} and {@link RateLimitType#ROLLING ROLLING} windows every attempt counts
 * against the limit, so a caller that keeps calling too fast stays refused until it slows down; with
 * {@link RateLimitType#SMOOTH SMOOTH} only admitted calls take a permit. For the minimum spacing every attempt,
 * admitted or refused, is the previous call of the next one. Nothing is allocated on either path; the refusal
 * exception is the pipeline's to create.
 */
public abstract sealed class RateLimiter
        permits FixedWindowRateLimiter,
                RollingWindowRateLimiter,
                SmoothRateLimiter,
                FleetRateLimiter {

    private static final long NANOS_PER_MILLI = 1_000_000;

    private final RateLimitPolicy policy;
    private final Ticker ticker;
    private final long createdAt;
    private final RateLimiterCounters counters = new RateLimiterCounters(this);

    RateLimiter(RateLimitPolicy policy, Ticker ticker) {
        this(policy, ticker, ticker.nanoTime());
    }

    /** @param origin the ticker's reading windows are counted from; not after now */
    RateLimiter(RateLimitPolicy policy, Ticker ticker, long origin) {
        this.policy = policy;
        this.ticker = ticker;
        this.createdAt = origin;
    }

    /** @return a builder of a limiter for the typed API ({@link Guard}), with the defaults of {@code @RateLimit} */
    public static RateLimiterBuilder builder() {
        return new RateLimiterBuilder();
    }

    /**
     * @param policy the limit to enforce
     * @param ticker the clock that measures windows and spacing; windows are counted from this call on
     * @return a limiter of the policy's type
     */
    public static RateLimiter create(RateLimitPolicy policy, Ticker ticker) {
        return switch (policy.type()) {
            case FIXED -> new FixedWindowRateLimiter(policy, ticker);
            case ROLLING -> new RollingWindowRateLimiter(policy, ticker);
            case SMOOTH -> new SmoothRateLimiter(policy, ticker);
        };
    }

    /**
     * Asks to let one call through, and records the attempt.
     *
     * @return 0 when the call may run; otherwise how many nanoseconds from now until a permit may be available
     *         (always more than 0). Concurrent callers may take that permit first.
     */
    public final long tryAcquire() {
        long wait = decide();
        if (wait != 0) {
            counters.recordRejected();
        }
        return wait;
    }

    /**
     * The wait a refusal reports in whole milliseconds, rounded up so that a caller who waits that long has not
     * come back too early.
     *
     * @param nanosToWait what {@link #tryAcquire()} returned for a refused call
     * @return the same wait in milliseconds
     */
    public static long millisToWait(long nanosToWait) {
        long millis = nanosToWait / NANOS_PER_MILLI;
        return nanosToWait % NANOS_PER_MILLI == 0 ? millis : millis + 1;
    }

    /**
     * A reading for operators (Dev UI, health), not a reservation: concurrent calls may take these permits first.
     * Records nothing and does not count as an attempt.
     *
     * @return how many calls the limit would admit now, the minimum spacing aside: for fixed and rolling windows the
     *         limit less the attempts counted in the current window, for a smooth rate the permits in the bucket
     */
    public abstract int permitsLeft();

    /** @return the calls this limiter admitted and refused */
    public RateLimiterCounters counters() {
        return counters;
    }

    /**
     * What this instance holds of the fleet's limit, for the control API and gauges; built on each call, never on a
     * call's path.
     *
     * @return whether the limiter spends the fleet's leases now and what it holds of them; empty for a limiter not
     *         in fleet mode
     */
    public Optional<FleetRateLimiterSnapshot> fleet() {
        return Optional.empty();
    }

    /** @return the policy this limiter enforces */
    public RateLimitPolicy policy() {
        return policy;
    }

    /**
     * Decides about and records one attempt. An admitted attempt is counted here, by the same atomic step that
     * admits it, so that admitting costs one atomic instruction (a lock for rolling windows), not two.
     *
     * @return 0 to admit, or the nanoseconds to wait
     */
    abstract long decide();

    /** @return the attempts admitted since creation; a later reading is never smaller than an earlier one */
    abstract long admitted();

    /** @return the ticker's reading windows and schedules are measured from */
    final long createdAt() {
        return createdAt;
    }

    /** @return nanoseconds since the limiter was created: windows and schedules are measured from there */
    final long elapsed() {
        return ticker.nanoTime() - createdAt;
    }
}
