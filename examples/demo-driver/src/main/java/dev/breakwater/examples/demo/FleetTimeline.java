package dev.breakwater.examples.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints the fleet story: for each half, the table of phases of the single-replica timeline and what the outage
 * cost each replica; then the two halves side by side, and the verdict.
 */
final class FleetTimeline {

    private final PrintStream out;
    private final Timeline phases;

    FleetTimeline(PrintStream out) {
        this.out = out;
        this.phases = new Timeline(out);
    }

    /** Prints one half as soon as it ran. */
    void printRun(FleetRun run) {
        out.println();
        if (!run.didRun()) {
            out.println("Cluster mode " + run.mode() + ": not available. " + run.unavailable());
            return;
        }
        out.println("Cluster mode " + run.mode() + ":");
        phases.printPhases(
                run.phases(), "breakers, by their own metrics", phase -> opened(phase.breaker()));
        out.println();
        out.printf(
                Locale.ROOT,
                "    %-12s %-30s %s%n",
                "replica",
                "stopped calling the gateway",
                "gateway calls since the cut");
        for (ReplicaOutage replica : run.replicas()) {
            out.printf(
                    Locale.ROOT,
                    "    %-12s %-30s %5d%n",
                    replica.replica(),
                    replica.stopped()
                            ? String.format(
                                    Locale.ROOT, "%.1f s after the cut", replica.secondsToStop())
                            : "never (still calling)",
                    replica.gatewayCalls());
        }
        out.printf(Locale.ROOT, "    %-12s %-30s %5d%n", "all", "", run.gatewayCalls());
    }

    /** Prints both halves side by side and the verdict. */
    void printComparison(FleetRun off, FleetRun on, List<String> problems) {
        out.println();
        if (off.didRun() && on.didRun()) {
            out.println("From the cut until each replica stopped calling the failing gateway:");
            out.printf(
                    Locale.ROOT,
                    "    %-18s %-24s %-22s %s%n",
                    "",
                    "replicas stopped after",
                    "gateway calls",
                    "gateway calls");
            out.printf(Locale.ROOT, "    %-18s %-24s %-22s %s%n", "", "", "per replica", "in all");
            for (FleetRun run : List.of(off, on)) {
                out.printf(
                        Locale.ROOT,
                        "    %-18s %-24s %-22s %6d%n",
                        "cluster mode " + run.mode(),
                        String.format(
                                Locale.ROOT,
                                "%.1f s to %.1f s",
                                run.fastestSeconds(),
                                run.slowestSeconds()),
                        run.fewestCalls() + " to " + run.mostCalls(),
                        run.gatewayCalls());
            }
            out.println();
        }
        if (problems.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "The story happened: with cluster mode on, every replica stopped calling the failing"
                            + " gateway after fewer%ncalls than any replica with it off (at most %d"
                            + " against at least %d), %.1f s after the cut instead of %.1f s,%n"
                            + "and the outage cost the gateway %d calls instead of %d.%n",
                    on.mostCalls(),
                    off.fewestCalls(),
                    on.slowestSeconds(),
                    off.slowestSeconds(),
                    on.gatewayCalls(),
                    off.gatewayCalls());
        } else {
            out.println("The story did NOT happen:");
            problems.forEach(problem -> out.println("  - " + problem));
        }
    }

    private static String opened(BreakerMetrics delta) {
        if (!delta.present()) {
            return "(no metrics)";
        }
        return delta.opened() == 0
                ? "none opened"
                : String.format(Locale.ROOT, "opened %.0fx", delta.opened());
    }
}
