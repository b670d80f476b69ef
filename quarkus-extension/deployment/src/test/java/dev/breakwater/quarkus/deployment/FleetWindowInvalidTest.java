package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet window of no whole seconds and a longest hold of no whole milliseconds, under
 * {@code quarkus.breakwater.fleet}, fail the start naming each key, its value and what is allowed, rather than being
 * rounded.
 */
class FleetWindowInvalidTest {

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
                    .overrideConfigKey("quarkus.breakwater.fleet.application", "window")
                    .overrideConfigKey("quarkus.breakwater.fleet.window", "2500ms")
                    .overrideConfigKey("quarkus.breakwater.fleet.max-hold", "PT0.0015S")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "quarkus.breakwater.fleet.window = '2500ms' (config key"
                                                            + " quarkus.breakwater.fleet.window) is invalid; allowed: a"
                                                            + " duration such as 200ms, 1s or PT0.2S, whole seconds from"
                                                            + " 1 s to 1 h: the span of the fleet's window for breakers"
                                                            + " with a count-based window, whose summed calls and"
                                                            + " failures open a breaker fleet-wide (default 10s)",
                                                    "quarkus.breakwater.fleet.max-hold = 'PT0.0015S' (config key"
                                                            + " quarkus.breakwater.fleet.max-hold) is invalid; allowed:"
                                                            + " a duration such as 200ms, 1s or PT0.2S, whole"
                                                            + " milliseconds from 1 ms to about 292 years: the longest"
                                                            + " fleet hold this replica accepts, from an operator or"
                                                            + " read back from Redis (default 24h)"));

    @Test
    void theStartFailsNamingEachKeyItsValueAndWhatIsAllowed() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }
}
