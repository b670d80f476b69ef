package dev.breakwater.api;

import java.time.Duration;

/**
 * A rate limiter at one moment: the limit it enforces and what it has counted since the deployment started. For a
 * rate limit in fleet mode the limit and window are the fleet's, the counts this replica's own, and {@link #fleet()}
 * tells what this replica holds of the fleet's window.
 *
 * @param method the guarded method it limits, as {@code com.acme.Checkout.pay(Order)}
 * @param limit the calls admitted per window
 * @param window the window's length
 * @param minSpacing the least time between two calls, {@link Duration#ZERO} for none
 * @param type which calls count against the limit: {@code FIXED}, {@code ROLLING} or {@code SMOOTH}
 * @param permitsLeft the calls the limit would admit now, the spacing aside (a reading, not a reservation)
 * @param permitted the calls it let through
 * @param rejected the calls it refused with {@code RateLimitException}
 * @param fleet this replica's part of the fleet's limit, for a rate limit in fleet mode; {@code null} for a local
 *              one
 */
public record RateLimiterSnapshot(
        String method,
        int limit,
        Duration window,
        Duration minSpacing,
        String type,
        int permitsLeft,
        long permitted,
        long rejected,
        FleetRateLimiterSnapshot fleet) {

    /** A local rate limiter's snapshot, without a fleet part. */
    public RateLimiterSnapshot(
            String method,
            int limit,
            Duration window,
            Duration minSpacing,
            String type,
            int permitsLeft,
            long permitted,
            long rejected) {
        this(method, limit, window, minSpacing, type, permitsLeft, permitted, rejected, null);
    }
}
