package dev.breakwater.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the fleet story happened, judged on counts the driver observed at the gateway and at the clients: every
 * replica stopped calling the failing gateway in both halves, and with cluster mode on each replica stopped after
 * fewer gateway calls than any replica with it off.
 */
final class FleetVerdict {

    private FleetVerdict() {}

    /** @return what did not happen; empty when the whole story did */
    static List<String> problems(FleetRun off, FleetRun on) {
        List<String> problems = new ArrayList<>();
        for (FleetRun run : List.of(off, on)) {
            if (!run.didRun()) {
                problems.add("cluster mode " + run.mode() + " could not run (the reason is above)");
                continue;
            }
            Verdict.mostlyPaid(run.phases().get(0), problems, "cluster mode " + run.mode() + ", ");
            for (ReplicaOutage replica : run.replicas()) {
                if (!replica.stopped()) {
                    problems.add(
                            String.format(
                                    Locale.ROOT,
                                    "cluster mode %s: %s never stopped calling the gateway (its last"
                                            + " call %.1f s after the cut, %d calls)",
                                    run.mode(),
                                    replica.replica(),
                                    replica.secondsToStop(),
                                    replica.gatewayCalls()));
                }
            }
        }
        if (problems.isEmpty()) {
            if (on.mostCalls() >= off.fewestCalls()) {
                problems.add(
                        "with cluster mode on, a replica made "
                                + on.mostCalls()
                                + " gateway calls before it stopped, not fewer than the "
                                + off.fewestCalls()
                                + " of the thriftiest replica with it off");
            }
            if (on.gatewayCalls() >= off.gatewayCalls()) {
                problems.add(
                        "the outage cost "
                                + on.gatewayCalls()
                                + " gateway calls with cluster mode on, not fewer than the "
                                + off.gatewayCalls()
                                + " with it off");
            }
        }
        return problems;
    }
}
