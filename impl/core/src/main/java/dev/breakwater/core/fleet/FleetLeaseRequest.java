package dev.breakwater.core.fleet;

import java.util.Objects;

/**
 * What one instance asks of the fleet for one rate limiter in an exchange: tokens of the fleet's fixed window now
 * in force, and of the next one when the current one is about to end. The fleet's limit is {@code limit} calls per
 * window of {@code windowMillis}, windows being counted on the store's clock from the epoch.
 *
 * @param limiter the rate limiter's name, the same on every instance
 * @param limit the calls the whole fleet may make per window; 1 or more
 * @param windowMillis the window's length; 1 ms to {@link FleetRules#MAX_WINDOW_MILLIS}
 * @param wantedNow tokens asked of the window in force; 0 to {@code limit}
 * @param wantedNext tokens asked of the next window, granted only when the one in force has at most
 *                   {@code aheadMillis} left; 0 to {@code limit}
 * @param aheadMillis how close to its end the window in force must be for the next window's tokens to be granted;
 *                    0 to {@code windowMillis}
 * @param presenceMillis how long an instance counts as one of the fleet's after its last exchange; more than 0
 */
public record FleetLeaseRequest(
        String limiter,
        int limit,
        long windowMillis,
        int wantedNow,
        int wantedNext,
        long aheadMillis,
        long presenceMillis) {

    /** Validates the request; a backend can rely on it. */
    public FleetLeaseRequest {
        Objects.requireNonNull(limiter, "limiter");
        if (limit < 1
                || windowMillis < 1
                || windowMillis > FleetRules.MAX_WINDOW_MILLIS
                || wantedNow < 0
                || wantedNow > limit
                || wantedNext < 0
                || wantedNext > limit
                || aheadMillis < 0
                || aheadMillis > windowMillis
                || presenceMillis < 1) {
            throw new IllegalArgumentException(
                    "invalid fleet lease request of rate limiter '"
                            + limiter
                            + "': limit "
                            + limit
                            + ", windowMillis "
                            + windowMillis
                            + ", wantedNow "
                            + wantedNow
                            + ", wantedNext "
                            + wantedNext
                            + ", aheadMillis "
                            + aheadMillis
                            + ", presenceMillis "
                            + presenceMillis);
        }
    }
}
