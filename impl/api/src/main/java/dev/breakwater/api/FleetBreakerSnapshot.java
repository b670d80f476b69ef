package dev.breakwater.api;

import java.time.Duration;

/**
 * The fleet's part of a {@link CircuitBreakerSnapshot}, for a breaker in fleet mode: whether this replica's breaker
 * follows the fleet now or goes on alone, and the fleet's view of the breaker as this replica last received it. The
 * breaker's own state and counts (the local view) are the rest of the snapshot; the two differ while the fleet's
 * decisions are on their way (one exchange at most), while an operator holds this replica's breaker locally, or
 * while it goes on alone.
 *
 * @param instance this replica's identifier in the fleet
 * @param following whether the breaker follows the fleet now: its member reached the fleet's store at its last
 *                  exchange and the breaker's last view was valid; {@code false} when it goes on alone (the store
 *                  lost for a number of exchanges in a row, a view refused, or before the first exchange)
 * @param state the fleet's state of the breaker at the last valid view ({@code CLOSED}, {@code OPEN},
 *              {@code HALF_OPEN}, {@code HELD_OPEN} or {@code HELD_CLOSED}); {@code null} before the first
 * @param epoch how many changes of state the fleet's breaker had been through at that view
 * @param windowCalls calls in the fleet's window at that view, every replica's
 * @param windowFailures failures among them
 * @param failingReporters distinct replicas that reported failures in that window
 * @param sinceLastExchange how long ago the member's last successful exchange with the store was; {@code null}
 *                          before the first
 * @param failedExchangesInARow the member's exchanges that failed since the last one that succeeded
 */
public record FleetBreakerSnapshot(
        String instance,
        boolean following,
        BreakerState state,
        long epoch,
        long windowCalls,
        long windowFailures,
        int failingReporters,
        Duration sinceLastExchange,
        int failedExchangesInARow) {

    /**
     * @return the fleet's view in a few words, for health data and consoles: {@code OPEN, epoch 3}, with
     *         {@code , alone} while the breaker goes on alone, {@code no view yet} before the first
     */
    public String summary() {
        String view = state == null ? "no view yet" : state + ", epoch " + epoch;
        return following ? view : view + ", alone";
    }
}
