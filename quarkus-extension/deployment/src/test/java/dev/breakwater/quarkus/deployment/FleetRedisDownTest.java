package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.redis.protocol.FleetProtocol;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stops answering ({@code CLIENT PAUSE}) under an application in fleet mode on a named Quarkus Redis client
 * ({@code quarkus.breakwater.fleet.redis-client}): its calls go on unaffected, its member falls back to the local
 * breakers (a breaker opens from this replica's failures alone, which only a local breaker does), and when Redis
 * answers again the member is back in the fleet (a hold set from outside reaches the application).
 */
@Timeout(60)
class FleetRedisDownTest {

    static final String SERVED = "fleet-served";
    static final String FAILING = "fleet-failing";
    static final String APPLICATION = "quarkus-fleet-down";
    private static final String REDIS = "down";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Dependency.class, FleetRedis.class))
                    .overrideConfigKey("quarkus.redis.fleet.hosts", FleetRedis.uri(REDIS))
                    .overrideConfigKey("quarkus.breakwater.fleet.redis-client", "fleet")
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", SERVED + "," + FAILING)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", APPLICATION)
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "50ms");

    @Inject Dependency dependency;

    @Inject CircuitBreakers breakers;

    @Test
    void callsGoOnWhileRedisIsPausedTheBreakersGoLocalAndTheMemberRejoinsAfterwards()
            throws Exception {
        for (int i = 0; i < 3; i++) {
            dependency.serve();
        }
        assertThat(
                        FleetRedis.eventually(
                                () -> FleetRedis.windowSum(REDIS, APPLICATION, SERVED, 'c') == 3))
                .isTrue();
        CountDownLatch openedAlone = FleetRedis.reaching(breakers, FAILING, BreakerState.OPEN);

        FleetRedis.cli(REDIS, List.of("CLIENT", "PAUSE", "5000", "ALL"));

        int served = 0;
        for (int i = 0; i < 200; i++) {
            if ("served".equals(dependency.serve())) {
                served++;
            }
        }
        assertThat(served).isEqualTo(200);
        assertThat(
                        FleetRedis.eventually(
                                () -> {
                                    dependency.failQuietly();
                                    return openedAlone.getCount() == 0;
                                }))
                .as(
                        "the failing breaker opens from this replica's 4 failures: only a local one does")
                .isTrue();

        FleetRedis.cli(REDIS, List.of("PING")); // answered once the pause is over
        CountDownLatch held = FleetRedis.reaching(breakers, SERVED, BreakerState.HELD_OPEN);
        FleetProtocol protocol = new FleetProtocol(APPLICATION);
        FleetRedis.script(
                REDIS,
                protocol,
                protocol.hold(SERVED, BreakerState.HELD_OPEN, Duration.ofMinutes(1)));

        assertThat(held.await(20, TimeUnit.SECONDS)).as("back in the fleet").isTrue();
        FleetRedis.script(REDIS, protocol, protocol.release(SERVED));
    }

    @ApplicationScoped
    static class Dependency {

        private final AtomicInteger failures = new AtomicInteger();

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(SERVED)
        String serve() {
            return "served";
        }

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(FAILING)
        String fail() {
            failures.incrementAndGet();
            throw new IllegalStateException("the dependency is down");
        }

        /** A call of {@link #fail()} whose refusal or failure is expected. */
        void failQuietly() {
            try {
                fail();
            } catch (RuntimeException expected) {
                // counted by the breaker
            }
        }
    }
}
