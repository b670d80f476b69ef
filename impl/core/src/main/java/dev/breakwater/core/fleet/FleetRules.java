package dev.breakwater.core.fleet;

/**
 * What one breaker asks of the fleet: when its shared window opens it and how its half-open period runs. Sent with
 * every report, so the store keeps no configuration of its own and an instance with other rules (during a rolling
 * upgrade) is judged by the rules it sends.
 *
 * @param minimumCalls calls the fleet's window must hold before it is judged; 1 or more
 * @param failureRatio the share of failed calls in the window that opens the breaker, 0 to 1
 * @param quorum the distinct instances that must have reported failures in the window; 1 or more
 * @param windowMillis the span of the fleet's window, whole seconds in milliseconds, 1 s to 1 h
 * @param delayMillis how long the breaker stays open before its half-open period; 0 or more
 * @param successThreshold probe successes that close it, and the leases a half-open period hands out; 1 or more
 * @param probeLeaseMillis how long a half-open period may stay undecided before the breaker opens again; more than 0
 */
public record FleetRules(
        int minimumCalls,
        double failureRatio,
        int quorum,
        long windowMillis,
        long delayMillis,
        int successThreshold,
        long probeLeaseMillis) {

    /** The longest fleet window, as for a breaker's own time-based window. */
    public static final long MAX_WINDOW_MILLIS = 3_600_000;

    /** Validates the rules; a backend can rely on them. */
    public FleetRules {
        if (minimumCalls < 1
                || !(failureRatio >= 0 && failureRatio <= 1)
                || quorum < 1
                || windowMillis < 1000
                || windowMillis > MAX_WINDOW_MILLIS
                || windowMillis % 1000 != 0
                || delayMillis < 0
                || successThreshold < 1
                || probeLeaseMillis < 1) {
            throw new IllegalArgumentException(
                    "invalid fleet rules: minimumCalls "
                            + minimumCalls
                            + " (allowed: 1 or more), failureRatio "
                            + failureRatio
                            + " (0 to 1), quorum "
                            + quorum
                            + " (1 or more), windowMillis "
                            + windowMillis
                            + " (whole seconds, 1000 to "
                            + MAX_WINDOW_MILLIS
                            + "), delayMillis "
                            + delayMillis
                            + " (0 or more), successThreshold "
                            + successThreshold
                            + " (1 or more), probeLeaseMillis "
                            + probeLeaseMillis
                            + " (1 or more)");
        }
    }

    /**
     * The one rule of the fleet's ratio, as for a breaker's own window: how many of {@code calls} must have failed.
     * Rounded once, so that floating-point noise cannot round it up.
     *
     * @param calls the calls in the window
     * @return the failures that reach the ratio
     */
    public long failuresToOpen(long calls) {
        return (long) Math.ceil(failureRatio * calls - 1e-9);
    }
}
