package dev.breakwater.core.fleet;

import dev.breakwater.api.BreakerState;
import java.util.Objects;

/**
 * The fleet's view of one breaker, as an exchange returns it. Only shape is checked here; whether the numbers fit
 * the breaker's rules is checked by the member that reads it, so a backend's garbage is refused in one place.
 *
 * @param state the fleet's state: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, {@code HELD_OPEN} or
 *              {@code HELD_CLOSED}
 * @param epoch how many changes of state the fleet's breaker has been through; grows with each
 * @param remainingMillis on the store's clock, what is left of the open delay ({@code OPEN}), of the undecided
 *                        half-open period ({@code HALF_OPEN}) or of the hold; 0 when closed
 * @param probesGranted probe leases this exchange granted to the reporting instance (only in {@code HALF_OPEN})
 * @param windowCalls calls in the fleet's window
 * @param windowFailures failures among them
 * @param failingReporters distinct instances that reported failures in the window
 */
public record FleetView(
        BreakerState state,
        long epoch,
        long remainingMillis,
        int probesGranted,
        long windowCalls,
        long windowFailures,
        int failingReporters) {

    /** Requires a state; the numbers are checked by the reader against the breaker's rules. */
    public FleetView {
        Objects.requireNonNull(state, "state");
    }
}
