package dev.breakwater.examples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * What a gateway outage cost one replica, from what the driver observed from the cut on: the charges the replica
 * sent to the gateway (counted at the gateway) and the orders it refused at once. A replica has stopped calling
 * the gateway once it refused {@link #REFUSALS_TO_STOP} orders at once after its last gateway call: its breaker is
 * open; how long it took is the time from the cut to that last call (0 when it made none).
 *
 * @param replica the replica's name
 * @param gatewayCalls the charges it sent to the gateway from the cut on
 * @param lastCallNanos when its last one reached the gateway ({@link System#nanoTime()}), or the cut when none did
 * @param refusedAfterLastCall the orders it refused at once and answered after its last gateway call
 * @param cutNanos when the gateway was cut
 */
record ReplicaOutage(
        String replica,
        int gatewayCalls,
        long lastCallNanos,
        int refusedAfterLastCall,
        long cutNanos) {

    /** Refusals in a row after the last call that show the breaker open rather than one refused order. */
    static final int REFUSALS_TO_STOP = 3;

    /**
     * @param cutNanos when the gateway was cut
     * @param replica the replica's name, as the gateway's calls name it
     * @param calls the gateway's calls from the cut on, of every replica
     * @param outcomes the replica's orders answered from the cut on
     */
    static ReplicaOutage of(
            long cutNanos,
            String replica,
            List<StandInGateway.Call> calls,
            List<Outcome> outcomes) {
        int count = 0;
        long last = cutNanos;
        for (StandInGateway.Call call : calls) {
            if (call.replica().equals(replica) && call.atNanos() >= cutNanos) {
                count++;
                last = Math.max(last, call.atNanos());
            }
        }
        int refused = 0;
        for (Outcome outcome : outcomes) {
            if (outcome.kind() == Outcome.Kind.FAST_FAILED && outcome.atNanos() > last) {
                refused++;
            }
        }
        return new ReplicaOutage(replica, count, last, refused, cutNanos);
    }

    /** @return each replica's outage, in the order of {@code replicas} */
    static List<ReplicaOutage> of(
            long cutNanos,
            List<String> replicas,
            List<StandInGateway.Call> calls,
            List<List<Outcome>> outcomesByReplica) {
        List<ReplicaOutage> outages = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            outages.add(of(cutNanos, replicas.get(i), calls, outcomesByReplica.get(i)));
        }
        return outages;
    }

    /** @return whether it has stopped calling the gateway: its breaker refuses orders since its last call */
    boolean stopped() {
        return refusedAfterLastCall >= REFUSALS_TO_STOP;
    }

    /** @return seconds from the cut to its last gateway call */
    double secondsToStop() {
        return (lastCallNanos - cutNanos) / 1e9;
    }
}
