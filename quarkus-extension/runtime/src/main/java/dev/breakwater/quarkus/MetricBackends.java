package dev.breakwater.quarkus;

import dev.breakwater.metrics.CompositeSink;
import dev.breakwater.metrics.MetricSink;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics backends of a Quarkus application, as the build chose them: MicroProfile Metrics when a {@code base}
 * registry bean exists, Micrometer when {@code quarkus-micrometer} offers a registry, OpenTelemetry when
 * {@code quarkus-opentelemetry} offers an SDK with metrics switched on. Each backend's API is touched only by its own
 * class, and only when the build chose it.
 *
 * @param microProfileMetrics whether the MicroProfile Metrics API is on the class path
 * @param micrometer whether {@code quarkus-micrometer} supports Micrometer metrics
 * @param openTelemetry whether {@code quarkus-opentelemetry} has its metrics switched on
 */
public record MetricBackends(boolean microProfileMetrics, boolean micrometer, boolean openTelemetry) {

    /** @return a sink into every backend the application has, or {@code null} when it has none */
    MetricSink find() {
        List<MetricSink> sinks = new ArrayList<>();
        if (microProfileMetrics) {
            add(sinks, MicroProfileMetrics.sink());
        }
        if (micrometer) {
            add(sinks, MicrometerMetrics.sink());
        }
        if (openTelemetry) {
            add(sinks, OpenTelemetryMetrics.sink());
        }
        return switch (sinks.size()) {
            case 0 -> null;
            case 1 -> sinks.get(0);
            default -> new CompositeSink(sinks);
        };
    }

    private static void add(List<MetricSink> sinks, MetricSink sink) {
        if (sink != null) {
            sinks.add(sink);
        }
    }
}
