package dev.breakwater.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.cdi.Deployments;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.FleetMember;
import dev.breakwater.core.Guard;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * A breaker in fleet mode is metered with the fleet's view beside its own: {@code ft.circuitbreaker.fleet.state.current}
 * (1 for the fleet's state) and {@code ft.circuitbreaker.fleet.local} (1 while it goes on alone), tagged like its
 * other breaker metrics; a breaker not in fleet mode has neither. The store is an {@link InMemoryFleetBackend}.
 */
@org.junit.jupiter.api.Timeout(60)
class FleetBreakerMetricsTest {

    private static final TypeLiteral<Guard<String>> PAYMENTS = new TypeLiteral<>() {};
    private static final String FLEET = "payments";
    private static final String LOCAL = "local-payments";

    private static double gauge(MeterRegistry registry, String name, String method, String state) {
        var search = registry.get(name).tag("method", method);
        return (state == null ? search : search.tag("state", state)).gauge().value();
    }

    @Test
    void aFleetBreakersGaugesShowTheFleetsStateAndWhetherItGoesOnAlone() throws Exception {
        Producers.store = new InMemoryFleetBackend();
        Registry.current = new SimpleMeterRegistry();
        MeterRegistry registry = Registry.current;
        try (WeldContainer container =
                Deployments.start(Map.of(), Producers.class, Registry.class)) {
            container.select(PAYMENTS).get();
            CircuitBreakers breakers = container.select(CircuitBreakers.class).get();
            FleetMember member = container.select(FleetMember.class).get();

            CountDownLatch held = new CountDownLatch(1);
            breakers.subscribe(
                    FLEET,
                    change -> {
                        if (change.to() == BreakerState.HELD_OPEN) {
                            held.countDown();
                        }
                    });
            breakers.holdFleet(FLEET, BreakerState.HELD_OPEN, Duration.ofMinutes(5));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(gauge(registry, "ft.circuitbreaker.fleet.state.current", FLEET, "heldOpen"))
                    .isEqualTo(1);
            assertThat(gauge(registry, "ft.circuitbreaker.fleet.state.current", FLEET, "closed"))
                    .isZero();
            assertThat(gauge(registry, "ft.circuitbreaker.fleet.local", FLEET, null)).isZero();

            Producers.store.available(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (member.fallbacks() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // counting the member's failed exchanges, not timing them
            }
            assertThat(member.fallbacks()).isEqualTo(1);
            assertThat(gauge(registry, "ft.circuitbreaker.fleet.local", FLEET, null))
                    .as("gone on alone")
                    .isEqualTo(1);
            assertThat(registry.find("ft.circuitbreaker.fleet.local").tag("method", LOCAL).gauge())
                    .as("a breaker not in fleet mode")
                    .isNull();
            assertThat(
                            registry.find("ft.circuitbreaker.state.current")
                                    .tag("method", LOCAL)
                                    .gauges())
                    .isNotEmpty();
        }
    }

    /** Builds two typed breakers into the container's registry, one of them in fleet mode. */
    @Singleton
    static class Producers {

        static volatile InMemoryFleetBackend store;

        @Produces
        @Singleton
        FleetMember member() {
            return FleetMember.builder(store)
                    .instance("metered")
                    .flushInterval(Duration.ofMillis(10))
                    .start();
        }

        void close(@Disposes FleetMember member) {
            member.close();
        }

        @Produces
        @Singleton
        Guard<String> payments(CircuitBreakerRegistry registry, FleetMember member) {
            CircuitBreaker.builder(LOCAL).registry(registry).build();
            return Guard.<String>builder(FLEET)
                    .circuitBreaker(
                            CircuitBreaker.builder(FLEET).registry(registry).fleet(member).build())
                    .build();
        }
    }

    /** Offers the test's registry as a bean, as a container with Micrometer does. */
    @Singleton
    static class Registry {

        static volatile MeterRegistry current;

        @Produces
        @Singleton
        MeterRegistry registry() {
            return current;
        }
    }
}
