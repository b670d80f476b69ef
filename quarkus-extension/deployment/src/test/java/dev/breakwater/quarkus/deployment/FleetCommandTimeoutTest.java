package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.FleetBreakerSnapshot;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.breakwater.fleet.command-timeout} is what the Quarkus backend waits for Redis: with 3 s, a second of
 * {@code CLIENT PAUSE} fails no exchange (with the default 250 ms, every exchange during it would fail).
 */
@Timeout(60)
class FleetCommandTimeoutTest {

    static final String BREAKER = "fleet-patient";
    static final String APPLICATION = "quarkus-fleet-patient";
    private static final String REDIS = "patient";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Dependency.class, FleetRedis.class))
                    .overrideConfigKey("quarkus.redis.hosts", FleetRedis.uri(REDIS))
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", APPLICATION)
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "50ms")
                    .overrideConfigKey("quarkus.breakwater.fleet.command-timeout", "3s");

    @Inject Dependency dependency;

    @Inject CircuitBreakers breakers;

    @Test
    void anExchangeDuringAPauseShorterThanTheConfiguredTimeoutDoesNotFail() throws Exception {
        dependency.serve();
        assertThat(
                        FleetRedis.eventually(
                                () -> FleetRedis.windowSum(REDIS, APPLICATION, BREAKER, 'c') == 1))
                .isTrue();

        FleetRedis.cli(REDIS, List.of("CLIENT", "PAUSE", "1000", "ALL"));
        dependency.serve();
        CompletableFuture<List<String>> pauseOver =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return FleetRedis.cli(REDIS, List.of("PING"));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        int mostFailedInARow = 0;
        while (!pauseOver.isDone()) {
            FleetBreakerSnapshot fleet = breakers.find(BREAKER).orElseThrow().fleet();
            mostFailedInARow = Math.max(mostFailedInARow, fleet.failedExchangesInARow());
            TimeUnit.MILLISECONDS.sleep(
                    5); // sampling a count that would stay up for the rest of the pause
        }

        assertThat(mostFailedInARow).as("failed exchanges in a row during the pause").isZero();
        assertThat(
                        FleetRedis.eventually(
                                () -> FleetRedis.windowSum(REDIS, APPLICATION, BREAKER, 'c') == 2))
                .as("the call made during the pause reached the fleet")
                .isTrue();
        assertThat(breakers.find(BREAKER).orElseThrow().fleet().failedExchangesInARow()).isZero();
    }

    @ApplicationScoped
    static class Dependency {

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(BREAKER)
        String serve() {
            return "served";
        }
    }
}
