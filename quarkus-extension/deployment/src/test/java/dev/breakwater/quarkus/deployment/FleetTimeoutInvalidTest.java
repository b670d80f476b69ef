package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command timeout longer than fleet mode allows, under {@code quarkus.breakwater.fleet}, fails the start naming the
 * key, the value and what is allowed, rather than being cut to the longest allowed.
 */
class FleetTimeoutInvalidTest {

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
                    .overrideConfigKey("quarkus.breakwater.fleet.application", "timeouts")
                    .overrideConfigKey("quarkus.breakwater.fleet.command-timeout", "30s")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "quarkus.breakwater.fleet.command-timeout = '30s' (config key"
                                                            + " quarkus.breakwater.fleet.command-timeout) is invalid;"
                                                            + " allowed: a duration such as 200ms, 1s or PT0.2S, from 1 ms"
                                                            + " to 10 s: how long an exchange waits for Redis's answer"
                                                            + " before it fails (default 250ms)"));

    @Test
    void theStartFailsNamingTheKeyTheValueAndWhatIsAllowed() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }
}
