package dev.breakwater.cdi;

import dev.breakwater.metrics.MetricSink;
import dev.breakwater.metrics.MicrometerSink;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.spi.BeanManager;

/** Micrometer, touched only once {@link MetricBackends} saw its API on the class path. */
final class MicrometerBackend {

    private MicrometerBackend() {}

    /** @return a sink into the container's {@code MeterRegistry}, or {@code null} when it offers none */
    static MetricSink find(BeanManager beanManager) {
        MeterRegistry registry =
                MetricBackends.contextualInstance(
                        beanManager, MeterRegistry.class, candidate -> !candidate.isClosed());
        return registry == null ? null : new MicrometerSink(registry);
    }
}
