package dev.breakwater.core;

import dev.breakwater.core.fleet.FleetRules;
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

    /**
     * What fleet mode refuses in a definition: the fleet's windows are fixed and counted in milliseconds on the
     * store's clock.
     *
     * @param windowNanos the window's length
     * @param type which recent calls count
     * @return what keeps the definition out of fleet mode, empty when a fleet can share it
     */
    public static List<Violation> fleetViolations(long windowNanos, RateLimitType type) {
        return new Violations()
                .require(
                        type == RateLimitType.FIXED,
                        "type",
                        type,
                        "FIXED in fleet mode (the fleet's windows are fixed)")
                .require(
                        windowNanos % 1_000_000 == 0
                                && windowNanos <= FleetRules.MAX_WINDOW_MILLIS * 1_000_000,
                        "window",
                        windowNanos + " ns",
                        "a whole number of milliseconds, at most 1 hour, in fleet mode")
                .list();
    }
}
