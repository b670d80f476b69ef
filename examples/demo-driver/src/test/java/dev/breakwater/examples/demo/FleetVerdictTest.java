package dev.breakwater.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetVerdictTest {

    private static final long CUT = 0;

    private static PhaseReport phase(int number, int ok, int gatewayFailed, int refused) {
        Map<Outcome.Kind, Integer> counts = new EnumMap<>(Outcome.Kind.class);
        counts.put(Outcome.Kind.OK, ok);
        counts.put(Outcome.Kind.GATEWAY_FAILED, gatewayFailed);
        counts.put(Outcome.Kind.FAST_FAILED, refused);
        counts.put(Outcome.Kind.OTHER, 0);
        LatencySummary all = new LatencySummary(ok + gatewayFailed + refused, 1, 1, 1);
        LatencySummary none = new LatencySummary(0, 0, 0, 0);
        return new PhaseReport(
                number,
                "phase " + number,
                0,
                1,
                counts,
                all,
                none,
                none,
                ok + gatewayFailed,
                new BreakerMetrics(Map.of(), 0));
    }

    /** A replica that stopped after {@code calls} gateway calls, or went on calling when {@code stopped} is false. */
    private static ReplicaOutage replica(String name, int calls, boolean stopped) {
        return new ReplicaOutage(name, calls, CUT + calls * 100_000_000L, stopped ? 3 : 0, CUT);
    }

    private static FleetRun run(String mode, int... callsPerReplica) {
        List<ReplicaOutage> replicas = new ArrayList<>();
        for (int i = 0; i < callsPerReplica.length; i++) {
            replicas.add(replica("replica-" + (i + 1), callsPerReplica[i], true));
        }
        return FleetRun.ran(mode, List.of(phase(1, 50, 0, 0), phase(2, 0, 80, 10)), replicas);
    }

    @Test
    void everyReplicaStoppingAfterFewerCallsWithClusterModeOnIsTheStory() {
        assertThat(FleetVerdict.problems(run("off", 80, 81, 83), run("on", 25, 26, 27))).isEmpty();
    }

    @Test
    void aReplicaWithClusterModeOnCostingAsManyCallsAsOneWithItOffIsAProblem() {
        assertThat(FleetVerdict.problems(run("off", 80, 81, 83), run("on", 25, 26, 80)))
                .containsExactly(
                        "with cluster mode on, a replica made 80 gateway calls before it stopped,"
                                + " not fewer than the 80 of the thriftiest replica with it off");
    }

    @Test
    void anOutageCostingMoreCallsInAllWithClusterModeOnIsAProblem() {
        FleetRun on = run("on", 79, 79, 79, 79);

        assertThat(FleetVerdict.problems(run("off", 80, 81, 83), on))
                .containsExactly(
                        "the outage cost 316 gateway calls with cluster mode on, not fewer than the"
                                + " 244 with it off");
    }

    @Test
    void aReplicaThatNeverStoppedCallingIsAProblem() {
        FleetRun off =
                FleetRun.ran(
                        "off",
                        List.of(phase(1, 50, 0, 0), phase(2, 0, 400, 0)),
                        List.of(replica("replica-1", 80, true), replica("replica-2", 450, false)));

        assertThat(FleetVerdict.problems(off, run("on", 25, 26)))
                .containsExactly(
                        "cluster mode off: replica-2 never stopped calling the gateway (its last call"
                                + " 45.0 s after the cut, 450 calls)");
    }

    @Test
    void clusterModeOnNotAvailableIsAProblem() {
        assertThat(
                        FleetVerdict.problems(
                                run("off", 80, 81, 83),
                                FleetRun.unavailable("on", "replica-1 stopped at its start")))
                .containsExactly("cluster mode on could not run (the reason is above)");
    }

    @Test
    void unpaidOrdersInTheHealthyPhaseAreAProblem() {
        FleetRun on =
                FleetRun.ran(
                        "on",
                        List.of(phase(1, 40, 10, 0), phase(2, 0, 20, 10)),
                        List.of(replica("replica-1", 25, true)));

        assertThat(FleetVerdict.problems(run("off", 80), on))
                .containsExactly("cluster mode on, phase 1 (phase 1): only 40 of 50 orders paid");
    }
}
