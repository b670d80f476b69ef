package dev.breakwater.core;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a circuit breaker can do beyond the spec's {@code @CircuitBreaker}: judge the calls of the last seconds
 * rather than the last calls, count slow calls, and limit its half-open stay. {@link #SPEC} turns all of it off,
 * and the breaker then runs exactly the spec's rolling window.
 *
 * @param windowNanos the time-based window: the breaker judges the calls of the last this many nanoseconds, in
 *                    whole seconds (one bucket per second), instead of the last {@code requestVolumeThreshold}
 *                    calls; 0 for the spec's count-based window
 * @param minimumCalls with a time-based window, the calls the window must hold before its ratios count; 0 without
 * @param slowCallNanos a call that takes longer than this is slow; 0 when no call is slow
 * @param slowCallRatio the share of slow calls (failed ones included) that opens the breaker, as the failure ratio
 *                      does; a slow trial call in half-open state reopens it, like a failure
 * @param maxHalfOpenNanos how long the breaker may stay half-open before it opens again, if its trial calls have
 *                         not decided by then (Resilience4j's {@code maxWaitDurationInHalfOpenState}); 0 for no limit
 */
public record CircuitBreakerOptions(
        long windowNanos,
        int minimumCalls,
        long slowCallNanos,
        double slowCallRatio,
        long maxHalfOpenNanos) {

    /** The spec's breaker: a count-based window, no slow calls, no limit on the half-open stay. */
    public static final CircuitBreakerOptions SPEC = new CircuitBreakerOptions(0, 0, 0, 1.0, 0);

    /** The longest time-based window: its buckets are summed when a call is judged. */
    public static final long MAX_WINDOW_SECONDS = 3600;

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Validates the options; see {@link #violations(long, int, long, double, long)}. */
    public CircuitBreakerOptions {
        Violations.throwIfAny(
                "circuit breaker options",
                violations(
                        windowNanos, minimumCalls, slowCallNanos, slowCallRatio, maxHalfOpenNanos));
    }

    /**
     * @param windowNanos the time-based window, or 0
     * @param minimumCalls the calls a time-based window needs before it is judged, or 0 without one
     * @param slowCallNanos the duration above which a call is slow, or 0
     * @param slowCallRatio the share of slow calls that opens the breaker
     * @param maxHalfOpenNanos the longest half-open stay, or 0
     * @return what is wrong with the options, empty when they are valid
     */
    public static List<Violation> violations(
            long windowNanos,
            int minimumCalls,
            long slowCallNanos,
            double slowCallRatio,
            long maxHalfOpenNanos) {
        boolean timeBased = windowNanos != 0;
        return new Violations()
                .require(
                        windowNanos == 0
                                || windowNanos > 0
                                        && windowNanos % NANOS_PER_SECOND == 0
                                        && windowNanos / NANOS_PER_SECOND <= MAX_WINDOW_SECONDS,
                        "window",
                        windowNanos + " ns",
                        "0 (the spec's count-based window) or whole seconds from 1 s to "
                                + MAX_WINDOW_SECONDS
                                + " s")
                .require(
                        timeBased ? minimumCalls >= 1 : minimumCalls == 0,
                        "minimumCalls",
                        minimumCalls,
                        timeBased
                                ? "1 or more"
                                : "0 without a time-based window (the count-based window is"
                                        + " judged when full)")
                .require(
                        slowCallNanos >= 0,
                        "slowCall",
                        slowCallNanos + " ns",
                        "0 (no call is slow) or more")
                .require(
                        slowCallRatio > 0 && slowCallRatio <= 1,
                        "slowCallRatio",
                        slowCallRatio,
                        "more than 0, up to 1")
                .require(
                        maxHalfOpenNanos >= 0,
                        "maxHalfOpen",
                        maxHalfOpenNanos + " ns",
                        "0 (no limit) or more")
                .list();
    }

    /** @return whether the closed breaker needs more than the spec's window: a time-based one, or slow calls */
    boolean measuredWindow() {
        return windowNanos > 0 || slowCallNanos > 0;
    }

    /**
     * The one rule of every ratio: how many of {@code calls} must fail (or be slow) for {@code ratio} to be
     * reached. Rounded once, so that floating-point noise (0.7 * 10 = 7.000000000000001) cannot round it up.
     */
    static long countToOpen(double ratio, long calls) {
        return (long) Math.ceil(ratio * calls - 1e-9);
    }
}
