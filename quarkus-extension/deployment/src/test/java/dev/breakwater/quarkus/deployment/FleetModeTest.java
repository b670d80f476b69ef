package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerName;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application whose breaker {@code quarkus.breakwater.fleet.*} puts in fleet mode, against a real redis-server,
 * reads the keys through the extension's config mapping at start, and fails the start with a message that says why:
 * breakwater-redis's Lettuce 7.7 needs Netty 4.2 and Quarkus 3.34 brings Netty 4.1. Without this check the start
 * passed and the member's thread died at its first exchange (NoClassDefFoundError: MultiThreadIoEventLoopGroup).
 */
class FleetModeTest {

    static final String BREAKER = "fleet-gateway";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Gateway.class, FleetRedis.class))
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.redis-uri", FleetRedis.uri())
                    .overrideConfigKey("quarkus.breakwater.fleet.application", "quarkus-fleet-test")
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "50ms")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "config key quarkus.breakwater.fleet.breakers = '"
                                                            + BREAKER
                                                            + "' puts breakers in fleet mode,"
                                                            + " which cannot run here: breakwater-redis runs on Lettuce 7.7, which needs Netty 4.2,"
                                                            + " and the class path has an older Netty",
                                                    "on Quarkus, fleet mode for annotated breakers waits for a backend on Quarkus's own Redis"
                                                            + " client"));

    @Test
    void theStartSaysThatLettuceNeedsANewerNettyThanQuarkusBrings() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }

    @ApplicationScoped
    static class Gateway {

        @CircuitBreaker(requestVolumeThreshold = 4)
        @BreakerName(BREAKER)
        String call() {
            return "paid";
        }
    }
}
