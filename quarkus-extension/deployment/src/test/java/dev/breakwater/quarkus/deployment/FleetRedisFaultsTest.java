package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.FleetBreakerSnapshot;
import dev.breakwater.redis.protocol.FleetProtocol;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis faults beyond a pause under an application in fleet mode on Quarkus's Redis client: the server killed and
 * started again, empty, on its port (the member goes on alone after {@code fallback-after-failures} failed exchanges
 * and follows the fleet again once Redis is back, through the client's new connections), and {@code FLUSHALL} (the
 * fleet's state is forgotten, the member recreates its own and stays in the fleet).
 */
@Timeout(60)
class FleetRedisFaultsTest {

    static final String BREAKER = "fleet-faults";
    static final String APPLICATION = "quarkus-fleet-faults";
    private static final String REDIS = "faults";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Dependency.class, FleetRedis.class))
                    .overrideConfigKey("quarkus.redis.hosts", FleetRedis.uri(REDIS))
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", APPLICATION)
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "50ms")
                    .overrideConfigKey("quarkus.breakwater.fleet.fallback-after-failures", "2");

    @Inject Dependency dependency;

    @Inject CircuitBreakers breakers;

    private final FleetProtocol protocol = new FleetProtocol(APPLICATION);

    @Test
    void killedAndRestartedTheMemberGoesOnAloneThenFollowsTheFleetAgain() throws Exception {
        assertThat(FleetRedis.eventually(() -> fleet().following())).isTrue();

        FleetRedis.kill(REDIS);

        assertThat(
                        FleetRedis.eventually(
                                () -> !fleet().following() && fleet().failedExchangesInARow() >= 2))
                .as("alone after the 2 failed exchanges configured")
                .isTrue();
        assertThat(dependency.serve()).isEqualTo("served");

        FleetRedis.restart(REDIS);

        assertThat(
                        FleetRedis.eventually(
                                () -> fleet().following() && fleet().failedExchangesInARow() == 0))
                .as("following the fleet again")
                .isTrue();
        heldFromOutsideAndReleased();
    }

    @Test
    void flushAllForgetsTheFleetsStateAndTheMemberStaysInTheFleet() throws Exception {
        assertThat(FleetRedis.eventually(() -> fleet().following())).isTrue();
        CountDownLatch held = FleetRedis.reaching(breakers, BREAKER, BreakerState.HELD_OPEN);
        FleetRedis.script(
                REDIS,
                protocol,
                protocol.hold(BREAKER, BreakerState.HELD_OPEN, Duration.ofMinutes(1)));
        assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
        long epoch = fleet().epoch();
        CountDownLatch closed = FleetRedis.reaching(breakers, BREAKER, BreakerState.CLOSED);

        assertThat(FleetRedis.cli(REDIS, List.of("FLUSHALL"))).containsExactly("OK");

        assertThat(closed.await(20, TimeUnit.SECONDS)).as("the hold forgotten").isTrue();
        assertThat(dependency.serve()).isEqualTo("served");
        assertThat(
                        FleetRedis.eventually(
                                () -> FleetRedis.windowSum(REDIS, APPLICATION, BREAKER, 'c') == 1))
                .as("the call after FLUSHALL in the fleet's new window")
                .isTrue();
        FleetBreakerSnapshot after = fleet();
        assertThat(after.following()).isTrue();
        assertThat(after.failedExchangesInARow()).isZero();
        assertThat(after.epoch()).as("epochs never go back").isGreaterThanOrEqualTo(epoch);
    }

    /** A hold set from outside reaches the application and its release ends it: the member follows the fleet. */
    private void heldFromOutsideAndReleased() throws Exception {
        CountDownLatch held = FleetRedis.reaching(breakers, BREAKER, BreakerState.HELD_OPEN);
        FleetRedis.script(
                REDIS,
                protocol,
                protocol.hold(BREAKER, BreakerState.HELD_OPEN, Duration.ofMinutes(1)));
        assertThat(held.await(20, TimeUnit.SECONDS)).as("held by the fleet").isTrue();
        CountDownLatch released = FleetRedis.reaching(breakers, BREAKER, BreakerState.CLOSED);
        FleetRedis.script(REDIS, protocol, protocol.release(BREAKER));
        assertThat(released.await(20, TimeUnit.SECONDS)).as("released by the fleet").isTrue();
    }

    private FleetBreakerSnapshot fleet() {
        return breakers.find(BREAKER).orElseThrow().fleet();
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
