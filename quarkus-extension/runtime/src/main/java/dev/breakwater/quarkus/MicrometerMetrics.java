package dev.breakwater.quarkus;

import dev.breakwater.metrics.MetricSink;
import dev.breakwater.metrics.MicrometerSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/** Micrometer, touched only when it is on the class path. */
final class MicrometerMetrics {

    private MicrometerMetrics() {
    }

    /** @return a sink into the application's {@code MeterRegistry}, or {@code null} when it has none */
    static MetricSink sink() {
        InstanceHandle<MeterRegistry> registry = Arc.container().instance(MeterRegistry.class);
        return registry.isAvailable() ? new MicrometerSink(registry.get()) : null;
    }
}
