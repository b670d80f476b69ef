package dev.breakwater.core.fleet;

import java.util.Objects;

/**
 * What one instance tells the fleet about one breaker in an exchange: its outcomes since its previous report, and
 * what it knows of the current half-open period.
 *
 * @param breaker the breaker's name, the same on every instance
 * @param rules the breaker's rules
 * @param calls calls that ended since the previous report (successes and counted failures); 0 or more
 * @param failures of those, the ones that counted as failures; 0 to {@code calls}
 * @param epoch the fleet epoch the probe outcomes below belong to, as an earlier view gave it; 0 or more
 * @param probeSuccesses probes of that epoch that succeeded since the previous report; 0 or more
 * @param probeFailures probes of that epoch that failed since the previous report; 0 or more
 * @param probesWanted probe leases the instance asks for (it refused calls while the fleet's breaker was open or
 *                     half-open); 0 to {@code rules.successThreshold()}
 */
public record FleetReport(
        String breaker,
        FleetRules rules,
        long calls,
        long failures,
        long epoch,
        long probeSuccesses,
        long probeFailures,
        int probesWanted) {

    /** Validates the report; a backend can rely on it. */
    public FleetReport {
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(rules, "rules");
        if (calls < 0
                || failures < 0
                || failures > calls
                || epoch < 0
                || probeSuccesses < 0
                || probeFailures < 0
                || probesWanted < 0
                || probesWanted > rules.successThreshold()) {
            throw new IllegalArgumentException(
                    "invalid fleet report of breaker '"
                            + breaker
                            + "': calls "
                            + calls
                            + ", failures "
                            + failures
                            + ", epoch "
                            + epoch
                            + ", probe successes "
                            + probeSuccesses
                            + ", probe failures "
                            + probeFailures
                            + ", probes wanted "
                            + probesWanted);
        }
    }
}
