package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Breakers in fleet mode on the default Quarkus Redis client, with {@code quarkus.redis.hosts} unset (Quarkus then
 * deactivates the client), fail the start, naming the client, Quarkus's reason and the key to set.
 */
class FleetRedisHostsMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            FleetModeTest.Gateway.class,
                                            FleetModeTest.class,
                                            FleetRedis.class))
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", FleetModeTest.BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", "no-hosts")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "config key quarkus.breakwater.fleet.breakers = '"
                                                            + FleetModeTest.BREAKER
                                                            + "' puts breakers in fleet mode on Quarkus's Redis client <default>, which"
                                                            + " cannot be used: Quarkus's Redis client <default> is not active:",
                                                    "quarkus.redis.hosts",
                                                    "; allowed: quarkus.redis.hosts set to the Redis server"));

    @Test
    void theStartFailsNamingTheHostsKey() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }
}
