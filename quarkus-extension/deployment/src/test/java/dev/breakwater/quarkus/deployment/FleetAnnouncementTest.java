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
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a flush interval of a minute, a hold set from outside reaches the application within the 20 s this test waits
 * only through the announcement the script publishes on {@code breakwater:<application>:transitions}: the member on
 * Quarkus's Redis client subscribes to it and exchanges at once when woken.
 */
@Timeout(60)
class FleetAnnouncementTest {

    static final String BREAKER = "announced-gateway";
    static final String APPLICATION = "quarkus-fleet-announced";
    private static final String REDIS = "shared";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Gateway.class, FleetRedis.class))
                    .overrideConfigKey("quarkus.redis.hosts", FleetRedis.uri(REDIS))
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", APPLICATION)
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "1m");

    @Inject CircuitBreakers breakers;

    @Test
    void aHoldReachesTheApplicationThroughTheAnnouncementNotTheNextInterval() throws Exception {
        FleetProtocol protocol = new FleetProtocol(APPLICATION);
        assertThat(
                        FleetRedis.eventually(
                                () ->
                                        FleetRedis.cli(
                                                        REDIS,
                                                        List.of(
                                                                "PUBSUB",
                                                                "NUMSUB",
                                                                protocol.channel()))
                                                .equals(List.of(protocol.channel(), "1"))))
                .as("the member subscribed at its first exchange")
                .isTrue();
        CountDownLatch held = new CountDownLatch(1);
        breakers.subscribe(
                BREAKER,
                change -> {
                    if (change.to() == BreakerState.HELD_OPEN) {
                        held.countDown();
                    }
                });

        FleetRedis.script(
                REDIS,
                protocol,
                protocol.hold(BREAKER, BreakerState.HELD_OPEN, Duration.ofMinutes(1)));

        assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
        FleetRedis.script(REDIS, protocol, protocol.release(BREAKER));
    }

    @ApplicationScoped
    static class Gateway {

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(BREAKER)
        String call() {
            return "paid";
        }
    }
}
