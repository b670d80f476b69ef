package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetRules;
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
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application whose breakers {@code quarkus.breakwater.fleet.*} puts in fleet mode runs its member on Quarkus's
 * own Redis client ({@code quarkus.redis.hosts}), against a real redis-server: its breakers' counts reach Redis, the
 * fleet's opening (its own failures and another replica's, which neither opens alone) reaches the application, and so
 * do a hold and its release set from outside; the member runs on its own thread and sends the script whole when
 * Redis forgot it. The other replica and the operator are {@code redis-cli} processes running the same script with
 * the same protocol.
 */
@Timeout(60)
class FleetModeTest {

    static final String BREAKER = "fleet-gateway";
    static final String HELD = "fleet-held";
    static final String SERVED = "fleet-served";
    static final String APPLICATION = "quarkus-fleet-test";
    private static final String REDIS = "shared";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Gateway.class, FleetRedis.class))
                    .overrideConfigKey("quarkus.redis.hosts", FleetRedis.uri(REDIS))
                    .overrideConfigKey(
                            "quarkus.breakwater.fleet.breakers",
                            BREAKER + "," + HELD + "," + SERVED)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", APPLICATION)
                    .overrideConfigKey("quarkus.breakwater.fleet.instance", "quarkus-replica")
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "50ms");

    @Inject Gateway gateway;

    @Inject CircuitBreakers breakers;

    private final FleetProtocol protocol = new FleetProtocol(APPLICATION);

    @Test
    void theFleetOpensTheBreakerFromThisReplicasFailuresAndAnothersWhichNeitherOpensAlone()
            throws Exception {
        CountDownLatch opened = FleetRedis.reaching(breakers, BREAKER, BreakerState.OPEN);
        for (int i = 0; i < 2; i++) { // 2 of the 4 calls the window needs
            assertThatThrownBy(gateway::fail).isInstanceOf(IllegalStateException.class);
        }

        assertThat(FleetRedis.eventually(() -> failures(BREAKER) == 2)).isTrue();
        assertThat(breakers.state(BREAKER)).isEqualTo(BreakerState.CLOSED);
        List<String> view =
                FleetRedis.script(
                        REDIS,
                        protocol,
                        protocol.exchange(
                                "other-replica",
                                List.of(
                                        new FleetReport(
                                                BREAKER,
                                                new FleetRules(4, 0.5, 2, 10_000, 60_000, 1, 5_000),
                                                2,
                                                2,
                                                0,
                                                0,
                                                0,
                                                0)),
                                List.of()));

        // the server's time, then the breaker's state: 1, open (its window starts empty again)
        assertThat(view.get(1)).isEqualTo("1");
        assertThat(opened.await(20, TimeUnit.SECONDS)).isTrue();
        int before = gateway.calls();
        assertThatThrownBy(gateway::fail).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(gateway.calls()).isEqualTo(before);
    }

    @Test
    void aHoldSetFromOutsideReachesTheApplicationAndItsReleaseEndsIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.held()).isEqualTo("paid");
        }
        assertThat(FleetRedis.eventually(() -> calls(HELD) == 3)).isTrue();
        CountDownLatch held = FleetRedis.reaching(breakers, HELD, BreakerState.HELD_OPEN);

        FleetRedis.script(
                REDIS,
                protocol,
                protocol.hold(HELD, BreakerState.HELD_OPEN, Duration.ofMinutes(1)));

        assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
        int before = gateway.calls();
        assertThatThrownBy(gateway::held).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(gateway.calls()).isEqualTo(before);

        CountDownLatch released = FleetRedis.reaching(breakers, HELD, BreakerState.CLOSED);
        FleetRedis.script(REDIS, protocol, protocol.release(HELD));

        assertThat(released.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.held()).isEqualTo("paid");
        assertThat(gateway.calls()).isEqualTo(before + 1);
    }

    @Test
    void theMemberRunsOnABreakwaterFleetThreadAndSendsTheScriptWholeWhenRedisForgotIt()
            throws Exception {
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .contains("breakwater-fleet-quarkus-replica");
        FleetRedis.cli(REDIS, List.of("SCRIPT", "FLUSH"));

        assertThat(gateway.served()).isEqualTo("paid");
        assertThat(gateway.served()).isEqualTo("paid");

        assertThat(FleetRedis.eventually(() -> calls(SERVED) == 2)).isTrue();
        assertThat(FleetRedis.cli(REDIS, List.of("SCRIPT", "EXISTS", protocol.script().digest())))
                .containsExactly("1");
    }

    private static long failures(String breaker) throws Exception {
        return FleetRedis.windowSum(REDIS, APPLICATION, breaker, 'f');
    }

    private static long calls(String breaker) throws Exception {
        return FleetRedis.windowSum(REDIS, APPLICATION, breaker, 'c');
    }

    @ApplicationScoped
    static class Gateway {

        private final AtomicInteger calls = new AtomicInteger();

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(BREAKER)
        String fail() {
            calls.incrementAndGet();
            throw new IllegalStateException("the gateway is down");
        }

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(HELD)
        String held() {
            calls.incrementAndGet();
            return "paid";
        }

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(SERVED)
        String served() {
            calls.incrementAndGet();
            return "paid";
        }

        int calls() {
            return calls.get();
        }
    }
}
