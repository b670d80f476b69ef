package dev.breakwater.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.cdi.Deployments;
import dev.breakwater.core.CircuitBreakerOpen;
import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.Guard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * A circuit breaker built with the typed API into the container's registry is metered like an annotated method's:
 * the same breaker metrics, tagged with its name, counting the same values after the same calls; and a typed breaker
 * that joins no registry gets none.
 */
@org.junit.jupiter.api.Timeout(60)
class TypedBreakerMetricsTest {

    private static final TypeLiteral<Guard<String>> INVENTORY = new TypeLiteral<>() {};
    private static final String ANNOTATED = Checkout.class.getCanonicalName() + ".charge";
    private static final String TYPED = "inventory";

    @Test
    void aTypedBreakerInTheContainersRegistryHasTheMetricsOfAnAnnotatedOne() {
        Registry.current = new SimpleMeterRegistry();
        MeterRegistry registry = Registry.current;
        try (WeldContainer container =
                Deployments.start(
                        java.util.Map.of(), Checkout.class, Producers.class, Registry.class)) {
            Checkout checkout = container.select(Checkout.class).get();
            Guard<String> inventory = container.select(INVENTORY).get();

            checkout.charge(false);
            assertThatThrownBy(() -> checkout.charge(true))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> checkout.charge(true))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> checkout.charge(false))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            inventory.call(() -> "in stock");
            assertThatThrownBy(() -> inventory.call(Producers::fail))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> inventory.call(Producers::fail))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> inventory.call(() -> "refused"))
                    .isInstanceOf(CircuitBreakerOpen.class);

            Set<String> breakerMetrics =
                    Set.of(
                            "ft.circuitbreaker.calls.total{circuitBreakerResult=success}",
                            "ft.circuitbreaker.calls.total{circuitBreakerResult=failure}",
                            "ft.circuitbreaker.calls.total{circuitBreakerResult=circuitBreakerOpen}",
                            "ft.circuitbreaker.state.total{state=closed}",
                            "ft.circuitbreaker.state.total{state=open}",
                            "ft.circuitbreaker.state.total{state=halfOpen}",
                            "ft.circuitbreaker.state.current{state=closed}",
                            "ft.circuitbreaker.state.current{state=open}",
                            "ft.circuitbreaker.state.current{state=halfOpen}",
                            "ft.circuitbreaker.opened.total{}");
            assertThat(metricsOf(registry, ANNOTATED)).containsAll(breakerMetrics);
            assertThat(metricsOf(registry, TYPED))
                    .as("a typed guard has no method: no ft.invocations.total")
                    .isEqualTo(new TreeSet<>(breakerMetrics));
            for (String method : new String[] {ANNOTATED, TYPED}) {
                assertThat(calls(registry, method, "success")).as(method).isEqualTo(1);
                assertThat(calls(registry, method, "failure")).as(method).isEqualTo(2);
                assertThat(calls(registry, method, "circuitBreakerOpen")).as(method).isEqualTo(1);
                assertThat(
                                registry.get("ft.circuitbreaker.opened.total")
                                        .tag("method", method)
                                        .meter())
                        .isInstanceOf(Counter.class)
                        .extracting(meter -> ((Counter) meter).count())
                        .as(method)
                        .isEqualTo(1.0);
                assertThat(
                                registry.get("ft.circuitbreaker.state.current")
                                        .tag("method", method)
                                        .tag("state", "open")
                                        .gauge()
                                        .value())
                        .as(method)
                        .isEqualTo(1);
                assertThat(
                                registry.get("ft.circuitbreaker.state.total")
                                        .tag("method", method)
                                        .tag("state", "closed")
                                        .meter())
                        .isInstanceOf(FunctionCounter.class);
            }

            container.select(CircuitBreakers.class).get().holdClosed(TYPED);
            container.select(CircuitBreakers.class).get().holdOpen(TYPED);
            assertThat(
                            ((Counter)
                                            registry.get("ft.circuitbreaker.opened.total")
                                                    .tag("method", TYPED)
                                                    .meter())
                                    .count())
                    .as("held open from held closed: the spec's closed to open")
                    .isEqualTo(2.0);
        }
    }

    @Test
    void aTypedBreakerOutsideTheRegistryHasNoMetrics() {
        Registry.current = new SimpleMeterRegistry();
        MeterRegistry registry = Registry.current;
        try (WeldContainer container =
                Deployments.start(java.util.Map.of(), Checkout.class, Registry.class)) {
            Guard<String> alone =
                    Guard.<String>builder("alone")
                            .circuitBreaker(
                                    dev.breakwater.core.CircuitBreaker.builder("alone").build())
                            .build();
            alone.call(() -> "ok");

            assertThat(metricsOf(registry, "alone")).isEmpty();
            assertThat(container.select(CircuitBreakers.class).get().find("alone")).isEmpty();
        }
    }

    private static Set<String> metricsOf(MeterRegistry registry, String method) {
        return registry.getMeters().stream()
                .map(Meter::getId)
                .filter(id -> method.equals(id.getTag("method")))
                .map(
                        id ->
                                id.getName()
                                        + id.getTags().stream()
                                                .filter(tag -> !tag.getKey().equals("method"))
                                                .map(tag -> tag.getKey() + "=" + tag.getValue())
                                                .collect(Collectors.joining(", ", "{", "}")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static double calls(MeterRegistry registry, String method, String result) {
        return registry.get("ft.circuitbreaker.calls.total")
                .tag("method", method)
                .tag("circuitBreakerResult", result)
                .counter()
                .count();
    }

    /** An annotated breaker, configured like the typed one. */
    @ApplicationScoped
    public static class Checkout {

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
        public String charge(boolean fail) {
            if (fail) {
                throw new IllegalStateException("declined");
            }
            return "charged";
        }
    }

    /** Builds a typed breaker into the container's registry, as an application's producer does. */
    @Singleton
    static class Producers {

        static String fail() {
            throw new IllegalStateException("out of stock");
        }

        @Produces
        @Singleton
        Guard<String> inventory(CircuitBreakerRegistry registry) {
            return Guard.<String>builder(TYPED)
                    .circuitBreaker(
                            dev.breakwater.core.CircuitBreaker.builder(TYPED)
                                    .requestVolumeThreshold(2)
                                    .failureRatio(1.0)
                                    .delay(Duration.ofMinutes(1))
                                    .registry(registry)
                                    .build())
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
