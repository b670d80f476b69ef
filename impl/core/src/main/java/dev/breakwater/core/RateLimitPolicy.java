package dev.breakwater.core;

import java.util.List;

/**
 * How many calls a rate limiter admits per window of time, and how far apart they must be.
 *
 * @param limit calls admitted per window
 * @param windowNanos the window's length
 * @param minSpacingNanos the least time between two consecutive calls; 0 means no minimum
 * @param type which recent calls count against the limit
 */
public record RateLimitPolicy(
        int limit, long windowNanos, long minSpacingNanos, RateLimitType type) {

    /** Validates the definition; see {@link #violations(int, long, long, RateLimitType)}. */
    public RateLimitPolicy {
        Violations.throwIfAny(
                "rate limit policy", violations(limit, windowNanos, minSpacingNanos, type));
    }

    /**
     * @param limit calls admitted per window
     * @param windowNanos the window's length
     * @param minSpacingNanos the least time between consecutive calls
     * @param type which recent calls count
     * @return what is wrong with the definition, empty when it is valid
     */
    public static List<Violation> violations(
            int limit, long windowNanos, long minSpacingNanos, RateLimitType type) {
        return new Violations()
                .require(limit >= 1, "value", limit, "1 or more")
                .require(windowNanos >= 1, "window", windowNanos + " ns", "1 ns or more")
                .require(
                        minSpacingNanos >= 0,
                        "minSpacing",
                        minSpacingNanos + " ns",
                        "0 (no minimum) or more")
                .require(type != null, "type", type, "FIXED, ROLLING or SMOOTH")
                .list();
    }
}
