package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fleet mode on a Quarkus Redis client of another type than standalone fails the start, naming the client's key and
 * value: the script of one exchange touches the keys of all the breakers, which a Redis Cluster spreads over slots.
 */
class FleetClusterClientTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            FleetModeTest.Gateway.class,
                                            FleetModeTest.class,
                                            FleetRedis.class))
                    .overrideConfigKey("quarkus.redis.hosts", "redis://127.0.0.1:1")
                    .overrideConfigKey("quarkus.redis.client-type", "cluster")
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", FleetModeTest.BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", "cluster-client")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "config key quarkus.breakwater.fleet.breakers = '"
                                                            + FleetModeTest.BREAKER
                                                            + "' puts breakers in fleet mode on Quarkus's Redis client <default>, whose"
                                                            + " quarkus.redis.client-type = 'cluster' is not supported: fleet mode needs a"
                                                            + " standalone Redis",
                                                    "allowed: standalone (the default)"));

    @Test
    void theStartFailsNamingTheClientType() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }
}
