package dev.breakwater.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaConfigTest {

    private static final URI GATEWAY = URI.create("http://127.0.0.1:4000/replica-2");
    private static final URI REDIS = URI.create("redis://127.0.0.1:4001");

    @Test
    void withClusterModeOffAReplicaHasItsGatewayAndBreakerButNoFleetKeys() {
        List<String> properties = ReplicaConfig.properties("replica-2", GATEWAY, null);

        assertThat(properties)
                .contains(
                        "quarkus.rest-client.gateway.url=http://127.0.0.1:4000/replica-2",
                        "dev.breakwater.examples.checkout.PaymentService/charge/CircuitBreaker/requestVolumeThreshold=100")
                .noneMatch(property -> property.startsWith("quarkus.breakwater.fleet."))
                .noneMatch(property -> property.startsWith("quarkus.redis."));
    }

    @Test
    void withClusterModeOnEveryReplicaJoinsOneFleetUnderItsOwnInstanceName() {
        List<String> second = ReplicaConfig.properties("replica-2", GATEWAY, REDIS);
        List<String> third = ReplicaConfig.properties("replica-3", GATEWAY, REDIS);

        assertThat(second)
                .contains(
                        "quarkus.redis.hosts=redis://127.0.0.1:4001",
                        "quarkus.breakwater.fleet.breakers=dev.breakwater.examples.checkout.PaymentService#charge",
                        "quarkus.breakwater.fleet.application=checkout-demo",
                        "quarkus.breakwater.fleet.instance=replica-2");
        assertThat(third).contains("quarkus.breakwater.fleet.instance=replica-3");
    }
}
