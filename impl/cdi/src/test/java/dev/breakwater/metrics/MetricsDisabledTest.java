package dev.breakwater.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.cdi.Deployments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * {@code MP_Fault_Tolerance_Metrics_Enabled=false}: the container's registry is never even resolved, so no
 * backend is asked for anything and the pipelines are built without a recorder, while the annotations still work.
 */
@org.junit.jupiter.api.Timeout(60)
class MetricsDisabledTest {

    @Test
    void withMetricsDisabledNothingIsRegisteredAndNoRegistryIsLookedUp() {
        CountingRegistry.produced.set(0);
        CountingRegistry.registry = new SimpleMeterRegistry();
        try (WeldContainer container =
                Deployments.start(
                        Map.of("MP_Fault_Tolerance_Metrics_Enabled", "false"),
                        Everything.class,
                        CountingRegistry.class)) {
            Everything bean = container.select(Everything.class).get();

            assertThat(bean.work(false)).isEqualTo("ok");
            assertThat(bean.work(true)).isEqualTo("fallback");

            assertThat(CountingRegistry.produced).hasValue(0);
            assertThat(CountingRegistry.registry.getMeters()).isEmpty();
        }
    }

    @Test
    void withMetricsEnabledTheSameDeploymentRegistersItsMetrics() {
        CountingRegistry.produced.set(0);
        CountingRegistry.registry = new SimpleMeterRegistry();
        try (WeldContainer container =
                Deployments.start(Map.of(), Everything.class, CountingRegistry.class)) {
            assertThat(container.select(Everything.class).get().work(false)).isEqualTo("ok");

            assertThat(CountingRegistry.produced).hasValue(1);
            assertThat(CountingRegistry.registry.getMeters()).isNotEmpty();
        }
        assertThat(CountingRegistry.registry.getMeters()).isEmpty();
    }

    @Singleton
    static class CountingRegistry {

        static final AtomicInteger produced = new AtomicInteger();
        static volatile MeterRegistry registry;

        @Produces
        @Singleton
        MeterRegistry registry() {
            produced.incrementAndGet();
            return registry;
        }
    }

    @ApplicationScoped
    public static class Everything {

        @Retry(maxRetries = 1, delay = 0, jitter = 0)
        @Timeout(10_000)
        @CircuitBreaker(requestVolumeThreshold = 100)
        @Bulkhead(5)
        @Fallback(fallbackMethod = "fallback")
        public String work(boolean fail) {
            if (fail) {
                throw new IllegalStateException("failed");
            }
            return "ok";
        }

        String fallback(boolean fail) {
            return "fallback";
        }
    }
}
