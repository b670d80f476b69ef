package dev.breakwater.examples.demo;

import java.util.List;

/**
 * One half of the fleet demo, cluster mode off or on: its phases and what the outage cost each replica; or why it
 * could not run.
 *
 * @param mode "off" or "on"
 * @param phases the healthy traffic and the outage, empty when it could not run
 * @param replicas what the outage cost each replica, empty when it could not run
 * @param unavailable why it could not run, or null when it ran
 */
record FleetRun(
        String mode, List<PhaseReport> phases, List<ReplicaOutage> replicas, String unavailable) {

    static FleetRun ran(String mode, List<PhaseReport> phases, List<ReplicaOutage> replicas) {
        return new FleetRun(mode, List.copyOf(phases), List.copyOf(replicas), null);
    }

    static FleetRun unavailable(String mode, String why) {
        return new FleetRun(mode, List.of(), List.of(), why);
    }

    boolean didRun() {
        return unavailable == null;
    }

    /** @return the gateway calls the outage cost, all replicas together */
    int gatewayCalls() {
        return replicas.stream().mapToInt(ReplicaOutage::gatewayCalls).sum();
    }

    int mostCalls() {
        return replicas.stream().mapToInt(ReplicaOutage::gatewayCalls).max().orElse(0);
    }

    int fewestCalls() {
        return replicas.stream().mapToInt(ReplicaOutage::gatewayCalls).min().orElse(0);
    }

    boolean everyReplicaStopped() {
        return !replicas.isEmpty() && replicas.stream().allMatch(ReplicaOutage::stopped);
    }

    double fastestSeconds() {
        return replicas.stream().mapToDouble(ReplicaOutage::secondsToStop).min().orElse(0);
    }

    double slowestSeconds() {
        return replicas.stream().mapToDouble(ReplicaOutage::secondsToStop).max().orElse(0);
    }
}
