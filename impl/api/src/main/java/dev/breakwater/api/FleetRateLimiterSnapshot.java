package dev.breakwater.api;

import java.time.Duration;

/**
 * The fleet's part of a {@link RateLimiterSnapshot}, for a rate limit in fleet mode: whether this replica spends
 * tokens leased from the fleet's window or goes on alone, and what it holds of the fleet's window. The limit and
 * window of the snapshot are the fleet's (every replica's calls together); its counts are this replica's own.
 *
 * @param instance this replica's identifier in the fleet
 * @param following whether the limiter spends the fleet's leases now: its member reached the fleet's store at its
 *                  last exchange and the limiter's last lease was valid; {@code false} when it goes on alone (the
 *                  store lost for a number of exchanges in a row, a lease refused), or before the first exchange
 * @param instances the replicas the fleet counted for this limit at the last lease (this one included); 1 before
 * @param limitAlone the calls per window this replica admits while it goes on alone: the fleet's limit shared
 *                   among {@code instances}, at least 1
 * @param windowLeased the tokens of the fleet's window every replica together had been leased at this replica's
 *                     last lease (this one's included): what the fleet's calls in that window can reach, at most the
 *                     limit; 0 before the first lease
 * @param leasedUnspent tokens of the current fleet window leased to this replica and not spent yet
 * @param leasedAhead tokens of the next fleet window already leased to this replica
 * @param sinceLastExchange how long ago the member's last successful exchange with the store was; {@code null}
 *                          before the first
 * @param failedExchangesInARow the member's exchanges that failed since the last one that succeeded
 */
public record FleetRateLimiterSnapshot(
        String instance,
        boolean following,
        int instances,
        int limitAlone,
        int windowLeased,
        long leasedUnspent,
        long leasedAhead,
        Duration sinceLastExchange,
        int failedExchangesInARow) {

    /**
     * @return this replica's part in a few words, for health data and consoles:
     *         {@code 3 instances, 12 leased here, 45 in the fleet's window}, or
     *         {@code alone, 20 per window, 3 failed exchanges} while it goes on alone
     */
    public String summary() {
        return following
                ? instances
                        + (instances == 1 ? " instance, " : " instances, ")
                        + leasedUnspent
                        + " leased here, "
                        + windowLeased
                        + " in the fleet's window"
                : "alone, "
                        + limitAlone
                        + " per window, "
                        + failedExchangesInARow
                        + (failedExchangesInARow == 1 ? " failed exchange" : " failed exchanges");
    }
}
