package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A misspelt key under {@code quarkus.breakwater.fleet} fails the start, naming the key that would work. */
class FleetKeyTypoTest {

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
                    .overrideConfigKey("quarkus.breakwater.fleet.application", "typo")
                    .overrideConfigKey("quarkus.breakwater.fleet.redis-clinet", "fleet")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "config key quarkus.breakwater.fleet.redis-clinet names no fleet setting \"redis-clinet\";"
                                                            + " did you mean quarkus.breakwater.fleet.redis-client? allowed: application, breakers,"
                                                            + " command-timeout, connect-timeout, fallback-after-failures,"
                                                            + " flush-interval, instance, max-hold, probe-lease, quorum,"
                                                            + " rate-limits, redis-client, window"));

    @Test
    void theStartFailsNamingTheKey() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }
}
