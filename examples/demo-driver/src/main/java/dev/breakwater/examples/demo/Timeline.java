package dev.breakwater.examples.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Prints the story as a table of phases, the breaker's state changes, and what failing fast saved. */
final class Timeline {

    private final PrintStream out;

    Timeline(PrintStream out) {
        this.out = out;
    }

    void print(List<PhaseReport> phases, List<Transitions.Change> changes, List<String> problems) {
        long origin = phases.get(0).startNanos();
        printPhases(phases, "breaker, by its own metrics", phase -> breaker(phase.breaker()));
        out.println();
        out.println(
                "Breaker state changes, as the clients saw them (seconds since the demo started):");
        for (Transitions.Change change : changes) {
            out.printf(
                    Locale.ROOT,
                    "  %6.2f s  %-9s -> %-9s  %s%n",
                    (change.atNanos() - origin) / 1e9,
                    change.from(),
                    change.to(),
                    why(change));
        }
        out.println();
        savings(phases);
        out.println();
        if (problems.isEmpty()) {
            out.println(
                    "The story happened: the breaker opened during the outage, refused orders without calling the");
            out.println("gateway, and closed again through half-open once the gateway was back.");
        } else {
            out.println("The story did NOT happen:");
            problems.forEach(problem -> out.println("  - " + problem));
        }
    }

    /** Prints the table of phases, with {@code lastColumn} (headed {@code lastHeader}) as its last column. */
    void printPhases(
            List<PhaseReport> phases, String lastHeader, Function<PhaseReport, String> lastColumn) {
        out.println();
        out.printf(
                Locale.ROOT,
                " %-2s %-37s %7s %7s %5s %7s %8s %8s %8s %9s  %s%n",
                "#",
                "phase",
                "time",
                "orders",
                "paid",
                "failed",
                "refused",
                "gateway",
                "p50",
                "p99",
                lastHeader);
        out.printf(
                Locale.ROOT,
                " %-2s %-37s %7s %7s %5s %7s %8s %8s %8s %9s%n",
                "",
                "",
                "",
                "",
                "",
                "at gw",
                "at once",
                "calls",
                "",
                "");
        for (PhaseReport phase : phases) {
            out.printf(
                    Locale.ROOT,
                    " %-2d %-37s %5.1f s %7d %5d %7d %8d %8d %8s %9s  %s%n",
                    phase.number(),
                    phase.name(),
                    phase.seconds(),
                    phase.requests(),
                    phase.count(Outcome.Kind.OK),
                    phase.count(Outcome.Kind.GATEWAY_FAILED),
                    phase.count(Outcome.Kind.FAST_FAILED),
                    phase.gatewayCalls(),
                    millis(phase.latencies().p50Ms()),
                    millis(phase.latencies().p99Ms()),
                    lastColumn.apply(phase));
        }
    }

    private void savings(List<PhaseReport> phases) {
        PhaseReport outage = phases.get(1);
        LatencySummary failing = outage.gatewayFailLatencies();
        int refused = 0;
        double refusedMillis = 0;
        for (PhaseReport phase : phases) {
            refused += phase.fastFailLatencies().count();
            refusedMillis += phase.fastFailLatencies().count() * phase.fastFailLatencies().meanMs();
        }
        if (refused == 0 || failing.count() == 0) {
            out.println(
                    "No order was refused fast, or none failed at the gateway: nothing to compare.");
            return;
        }
        double refusedMean = refusedMillis / refused;
        double callsPerFailure = (double) outage.gatewayCalls() / failing.count();
        out.printf(
                Locale.ROOT,
                "Failing fast: %d orders were refused in %.1f ms on average; while the breaker was"
                        + " still closed, an order%n",
                refused,
                refusedMean);
        out.printf(
                Locale.ROOT,
                "during the outage took %.0f ms and %.1f gateway calls (with retries) to fail."
                        + " Saved: about %.0f s of%n",
                failing.meanMs(),
                callsPerFailure,
                refused * (failing.meanMs() - refusedMean) / 1000);
        out.printf(
                Locale.ROOT,
                "client waiting, and about %.0f calls the failing gateway did not have to take.%n",
                refused * callsPerFailure);
    }

    private static String why(Transitions.Change change) {
        return switch (change.to()) {
            case OPEN ->
                    change.from() == BreakerState.CLOSED
                            ? "an order was refused without calling the gateway"
                            : "a trial call failed";
            case HALF_OPEN -> "a trial call reached the gateway";
            case CLOSED -> "the trial calls succeeded";
        };
    }

    private static String millis(double ms) {
        return ms < 10
                ? String.format(Locale.ROOT, "%.1f ms", ms)
                : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String breaker(BreakerMetrics delta) {
        if (!delta.present()) {
            return "(no metrics)";
        }
        List<String> parts = new ArrayList<>();
        for (BreakerState state : BreakerState.values()) {
            double seconds = delta.secondsInState().getOrDefault(state, 0.0);
            if (seconds >= 0.005) {
                parts.add(String.format(Locale.ROOT, "%s %.2f s", state.metricName, seconds));
            }
        }
        if (delta.opened() > 0) {
            parts.add(String.format(Locale.ROOT, "opened %.0fx", delta.opened()));
        }
        return String.join(", ", parts);
    }
}
