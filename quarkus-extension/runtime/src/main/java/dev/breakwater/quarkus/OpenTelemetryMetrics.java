package dev.breakwater.quarkus;

import dev.breakwater.metrics.MetricSink;
import dev.breakwater.metrics.OpenTelemetrySink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/** OpenTelemetry, touched only when {@code quarkus-opentelemetry} is present. */
final class OpenTelemetryMetrics {

    private OpenTelemetryMetrics() {
    }

    /**
     * @return a sink into a meter of the application's {@code OpenTelemetry}, or {@code null} when it has none or
     *         its metrics are off ({@code quarkus.otel.metrics.enabled}) and the meter provider is the no-op one
     */
    static MetricSink sink() {
        InstanceHandle<OpenTelemetry> openTelemetry = Arc.container().instance(OpenTelemetry.class);
        if (!openTelemetry.isAvailable() || openTelemetry.get().getMeterProvider() == MeterProvider.noop()) {
            return null;
        }
        return new OpenTelemetrySink(openTelemetry.get().getMeter(OpenTelemetrySink.INSTRUMENTATION_SCOPE));
    }
}
