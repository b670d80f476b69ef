package dev.breakwater.examples.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkout's configuration for one replica of the fleet demo, as system properties: the one shared gateway,
 * a breaker that judges many calls (so that a replica alone, seeing a third of the traffic, needs many failures of
 * its own to open), a delay longer than the demo (no trial call muddles the count) and, with cluster mode on, Redis
 * and the fleet's keys, the same for every replica but its instance name.
 */
final class ReplicaConfig {

    /** The checkout's breaker, by the name the control API and the fleet's keys give it. */
    static final String BREAKER = "dev.breakwater.examples.checkout.PaymentService#charge";

    /** Each replica's breaker judges its last this many calls; the fleet's, the replicas' calls of the last 10 s. */
    static final int REQUEST_VOLUME_THRESHOLD = 100;

    static final double FAILURE_RATIO = 0.5;
    static final long DELAY_MS = 60_000;

    /** The fleet's application name: every replica's keys in Redis are under {@code breakwater:<this>:}. */
    static final String APPLICATION = "checkout-demo";

    private static final String BREAKER_KEYS =
            "dev.breakwater.examples.checkout.PaymentService/charge/CircuitBreaker/";

    private ReplicaConfig() {}

    /**
     * @param replica the replica's name, also its instance name in the fleet
     * @param gateway the base URL of the gateway for this replica
     * @param redis Redis's URL with cluster mode on, or null with it off
     * @return {@code key=value} system properties
     */
    static List<String> properties(String replica, URI gateway, URI redis) {
        List<String> properties = new ArrayList<>();
        properties.add("quarkus.rest-client.gateway.url=" + gateway);
        properties.add(BREAKER_KEYS + "requestVolumeThreshold=" + REQUEST_VOLUME_THRESHOLD);
        properties.add(BREAKER_KEYS + "failureRatio=" + FAILURE_RATIO);
        properties.add(BREAKER_KEYS + "delay=" + DELAY_MS);
        if (redis != null) {
            properties.add("quarkus.redis.hosts=" + redis);
            properties.add("quarkus.breakwater.fleet.breakers=" + BREAKER);
            properties.add("quarkus.breakwater.fleet.application=" + APPLICATION);
            properties.add("quarkus.breakwater.fleet.instance=" + replica);
        }
        return properties;
    }
}
