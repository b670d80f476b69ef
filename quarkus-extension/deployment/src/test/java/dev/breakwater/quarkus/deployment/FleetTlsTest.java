package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.redis.protocol.FleetProtocol;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fleet mode over TLS, configured the Quarkus way: a redis-server that takes TLS connections only, a {@code rediss://}
 * host and a TLS configuration of the TLS registry that trusts the authority which signed the server's certificate
 * ({@code quarkus.redis.tls-configuration-name}), checking that the certificate names the host (Vert.x's Redis client
 * connects to none without an algorithm set). The application's counts reach Redis, and a hold set from outside
 * reaches it (by the exchange or the announcement, both over TLS).
 */
@Timeout(60)
class FleetTlsTest {

    static final String BREAKER = "fleet-tls";
    static final String APPLICATION = "quarkus-fleet-tls";
    private static final String REDIS = "tls";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Dependency.class, FleetRedis.class))
                    .overrideConfigKey(
                            "quarkus.redis.hosts",
                            "rediss://127.0.0.1:" + FleetRedis.startTls(REDIS))
                    .overrideConfigKey("quarkus.redis.tls-configuration-name", "fleet-tls")
                    .overrideConfigKey(
                            "quarkus.tls.fleet-tls.trust-store.pem.certs",
                            FleetRedis.certificateAuthority(REDIS))
                    .overrideConfigKey(
                            "quarkus.tls.fleet-tls.hostname-verification-algorithm", "HTTPS")
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", APPLICATION)
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "50ms");

    @Inject Dependency dependency;

    @Inject CircuitBreakers breakers;

    @Test
    void theCountsReachRedisOverTlsAndAHoldSetFromOutsideReachesTheApplication() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(dependency.serve()).isEqualTo("served");
        }
        assertThat(
                        FleetRedis.eventually(
                                () -> FleetRedis.windowSum(REDIS, APPLICATION, BREAKER, 'c') == 3))
                .as("this replica's 3 calls in the fleet's window")
                .isTrue();
        assertThat(breakers.find(BREAKER).orElseThrow().fleet().following()).isTrue();
        CountDownLatch held = FleetRedis.reaching(breakers, BREAKER, BreakerState.HELD_OPEN);

        FleetProtocol protocol = new FleetProtocol(APPLICATION);
        FleetRedis.script(
                REDIS,
                protocol,
                protocol.hold(BREAKER, BreakerState.HELD_OPEN, Duration.ofMinutes(1)));

        assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
        int before = dependency.calls();
        assertThatThrownBy(dependency::serve).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(dependency.calls()).isEqualTo(before);
    }

    @ApplicationScoped
    static class Dependency {

        private final AtomicInteger calls = new AtomicInteger();

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(BREAKER)
        String serve() {
            calls.incrementAndGet();
            return "served";
        }

        int calls() {
            return calls.get();
        }
    }
}
