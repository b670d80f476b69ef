package dev.breakwater.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaOutageTest {

    private static final long CUT = 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private static StandInGateway.Call call(String replica, long afterCut) {
        return new StandInGateway.Call(replica, CUT + afterCut);
    }

    private static Outcome refused(long afterCut) {
        return new Outcome(Outcome.Kind.FAST_FAILED, 1, CUT + afterCut);
    }

    private static Outcome failedAtGateway(long afterCut) {
        return new Outcome(Outcome.Kind.GATEWAY_FAILED, 1, CUT + afterCut);
    }

    @Test
    void aReplicaThatRefusedThreeOrdersAfterItsLastCallHasStoppedAtThatCall() {
        ReplicaOutage outage =
                ReplicaOutage.of(
                        CUT,
                        "replica-1",
                        List.of(call("replica-1", SECOND), call("replica-1", 2 * SECOND)),
                        List.of(
                                failedAtGateway(2 * SECOND + 1),
                                refused(3 * SECOND),
                                refused(4 * SECOND),
                                refused(5 * SECOND)));

        assertThat(outage.stopped()).isTrue();
        assertThat(outage.gatewayCalls()).isEqualTo(2);
        assertThat(outage.secondsToStop()).isEqualTo(2.0);
    }

    @Test
    void twoRefusalsAreNotYetAStop() {
        ReplicaOutage outage =
                ReplicaOutage.of(
                        CUT,
                        "replica-1",
                        List.of(call("replica-1", SECOND)),
                        List.of(refused(2 * SECOND), refused(3 * SECOND)));

        assertThat(outage.stopped()).isFalse();
    }

    @Test
    void refusalsBeforeALaterGatewayCallDoNotCount() {
        ReplicaOutage outage =
                ReplicaOutage.of(
                        CUT,
                        "replica-1",
                        List.of(call("replica-1", SECOND), call("replica-1", 5 * SECOND)),
                        List.of(
                                refused(2 * SECOND),
                                refused(3 * SECOND),
                                refused(4 * SECOND),
                                refused(6 * SECOND)));

        assertThat(outage.refusedAfterLastCall()).isEqualTo(1);
        assertThat(outage.stopped()).isFalse();
    }

    @Test
    void onlyTheReplicasOwnCallsFromTheCutOnAreCounted() {
        ReplicaOutage outage =
                ReplicaOutage.of(
                        CUT,
                        "replica-2",
                        List.of(
                                call("replica-2", -SECOND),
                                call("replica-1", SECOND),
                                call("replica-2", SECOND),
                                call("replica-3", 2 * SECOND)),
                        List.of());

        assertThat(outage.gatewayCalls()).isEqualTo(1);
        assertThat(outage.secondsToStop()).isEqualTo(1.0);
    }

    @Test
    void aReplicaThatRefusedEveryOrderFromTheCutOnStoppedAtTheCut() {
        ReplicaOutage outage =
                ReplicaOutage.of(
                        CUT,
                        "replica-1",
                        List.of(call("replica-2", SECOND)),
                        List.of(refused(1), refused(2), refused(3)));

        assertThat(outage.stopped()).isTrue();
        assertThat(outage.gatewayCalls()).isZero();
        assertThat(outage.secondsToStop()).isZero();
    }

    @Test
    void eachReplicaIsJudgedOnItsOwnCallsAndOrders() {
        List<ReplicaOutage> outages =
                ReplicaOutage.of(
                        CUT,
                        List.of("replica-1", "replica-2"),
                        List.of(call("replica-1", SECOND), call("replica-2", 2 * SECOND)),
                        List.of(
                                List.of(
                                        refused(3 * SECOND),
                                        refused(4 * SECOND),
                                        refused(5 * SECOND)),
                                List.of(refused(SECOND), refused(3 * SECOND))));

        assertThat(outages)
                .extracting(
                        ReplicaOutage::replica, ReplicaOutage::gatewayCalls, ReplicaOutage::stopped)
                .containsExactly(tuple("replica-1", 1, true), tuple("replica-2", 1, false));
    }
}
