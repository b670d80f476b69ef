package dev.breakwater.core.fleet;

import java.util.List;

/**
 * What one exchange returns.
 *
 * @param serverMillis the store's clock when it applied the reports, in milliseconds since the epoch
 * @param views one per report, in the reports' order
 */
public record FleetReply(long serverMillis, List<FleetView> views) {

    /** Keeps an unmodifiable copy of the views. */
    public FleetReply {
        views = List.copyOf(views);
    }
}
