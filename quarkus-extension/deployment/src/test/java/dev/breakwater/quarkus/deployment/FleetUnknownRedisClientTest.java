package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.breakwater.fleet.redis-client} naming a Quarkus Redis client the application does not have fails
 * the start, naming the key, the client and the Quarkus key that creates it.
 */
class FleetUnknownRedisClientTest {

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
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", FleetModeTest.BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", "unknown-client")
                    .overrideConfigKey("quarkus.breakwater.fleet.redis-client", "fleet")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "config key quarkus.breakwater.fleet.breakers = '"
                                                            + FleetModeTest.BREAKER
                                                            + "' puts breakers in fleet mode on Quarkus's Redis client fleet (config key"
                                                            + " quarkus.breakwater.fleet.redis-client), which cannot be used: the application has"
                                                            + " no Quarkus Redis client named 'fleet' (Quarkus creates a named client only when"
                                                            + " quarkus.redis.fleet.hosts is set when the application is built); allowed:"
                                                            + " quarkus.redis.fleet.hosts set to the Redis server"));

    @Test
    void theStartFailsNamingTheClientAndItsHostsKey() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }
}
