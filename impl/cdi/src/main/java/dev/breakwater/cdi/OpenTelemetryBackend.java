package dev.breakwater.cdi;

import dev.breakwater.metrics.MetricSink;
import dev.breakwater.metrics.OpenTelemetrySink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import jakarta.enterprise.inject.spi.BeanManager;

/** OpenTelemetry, touched only once {@link MetricBackends} saw its API and MicroProfile Telemetry switched on. */
final class OpenTelemetryBackend {

    private OpenTelemetryBackend() {}

    /**
     * @return a sink into a meter of the container's {@code OpenTelemetry} (MicroProfile Telemetry's bean), named
     *         {@value OpenTelemetrySink#INSTRUMENTATION_SCOPE}, or {@code null} when there is no usable one
     */
    static MetricSink find(BeanManager beanManager) {
        OpenTelemetry openTelemetry =
                MetricBackends.contextualInstance(
                        beanManager,
                        OpenTelemetry.class,
                        candidate -> candidate.getMeterProvider() != MeterProvider.noop());
        if (openTelemetry == null) {
            return null;
        }
        MeterBuilder builder = openTelemetry.meterBuilder(OpenTelemetrySink.INSTRUMENTATION_SCOPE);
        String version = OpenTelemetryBackend.class.getPackage().getImplementationVersion();
        if (version != null) {
            builder.setInstrumentationVersion(version);
        }
        Meter meter = builder.build();
        return new OpenTelemetrySink(meter);
    }
}
