package dev.breakwater.core.fleet;

import java.util.List;

/**
 * What one exchange returns.
 *
 * @param serverMillis the store's clock when it applied the reports, in milliseconds since the epoch
 * @param views one per breaker's report, in the reports' order
 * @param leases one per rate limiter's lease request, in the requests' order
 */
public record FleetReply(long serverMillis, List<FleetView> views, List<FleetLease> leases) {

    /** Keeps unmodifiable copies of the views and leases. */
    public FleetReply {
        views = List.copyOf(views);
        leases = List.copyOf(leases);
    }

    /**
     * @param serverMillis the store's clock when it applied the reports
     * @param views one per breaker's report, in the reports' order; no leases
     */
    public FleetReply(long serverMillis, List<FleetView> views) {
        this(serverMillis, views, List.of());
    }
}
