package dev.breakwater.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Records into an OpenTelemetry {@link Meter}, with the names, attributes and units of the spec's "MicroProfile
 * Telemetry" table.
 *
 * <ul>
 *   <li>Counters are asynchronous {@code LongCounter}s that read a {@link LongAdder}: incrementing is one adder
 *       increment (the OpenTelemetry API has no bound instruments, and a synchronous counter would look its
 *       attributes up on every call), and closing the callback removes the series from later collections.</li>
 *   <li>Histograms are {@code DoubleHistogram}s in seconds with the bucket boundaries of OpenTelemetry's
 *       semantic conventions for durations. They are synchronous (there is no other kind), so the SDK finds the
 *       series by its attributes on each recording; the attributes are built once, here.</li>
 *   <li>The time a circuit breaker spent in a state is an asynchronous {@code LongCounter} in nanoseconds; the
 *       running and waiting executions of a bulkhead are asynchronous {@code LongUpDownCounter}s.</li>
 * </ul>
 *
 * <p>Each instrument name is built once, with one callback that reports every series of that name.
 * {@link #close()} closes those callbacks; the synchronous histograms cannot be unregistered through the API and
 * go away with the {@code MeterProvider} that the container shuts down.
 */
public final class OpenTelemetrySink extends RegisteringSink {

    /** The instrumentation scope of the meter Breakwater records into. */
    public static final String INSTRUMENTATION_SCOPE = "dev.breakwater.faulttolerance";

    /** OpenTelemetry's recommended boundaries for durations in seconds (HTTP semantic conventions). */
    static final List<Double> SECONDS_BOUNDARIES =
            List.of(
                    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5,
                    10.0);

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final Meter meter;
    private final Map<String, Observed> observed = new HashMap<>();
    private final Map<String, DoubleHistogram> histograms = new HashMap<>();

    /** @param meter the meter to create instruments with */
    public OpenTelemetrySink(Meter meter) {
        this.meter = meter;
    }

    @Override
    Counter newCounter(MetricKey key, String description) {
        LongAdder count = new LongAdder();
        observed(key.name(), description, "", Kind.COUNTER).add(attributes(key), count::sum);
        return count::increment;
    }

    @Override
    DurationHistogram newHistogram(MetricKey key, String description) {
        DoubleHistogram histogram =
                histograms.computeIfAbsent(
                        key.name(),
                        name ->
                                meter.histogramBuilder(name)
                                        .setDescription(description)
                                        .setUnit("seconds")
                                        .setExplicitBucketBoundariesAdvice(SECONDS_BOUNDARIES)
                                        .build());
        Attributes attributes = attributes(key);
        return nanos -> histogram.record(nanos / NANOS_PER_SECOND, attributes);
    }

    @Override
    void newGauge(
            MetricKey key, String description, String unit, boolean monotonic, LongSupplier value) {
        String otelUnit = SpecMetrics.NONE.equals(unit) ? "" : unit;
        observed(key.name(), description, otelUnit, monotonic ? Kind.COUNTER : Kind.UP_DOWN_COUNTER)
                .add(attributes(key), value);
    }

    @Override
    void removeAll() {
        RuntimeException failure = null;
        for (Observed instrument : observed.values()) {
            try {
                instrument.registration.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure =
                            new IllegalStateException(
                                    "could not close every OpenTelemetry callback");
                }
                failure.addSuppressed(e);
            }
        }
        observed.clear();
        histograms.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private Observed observed(String name, String description, String unit, Kind kind) {
        return observed.computeIfAbsent(
                name, ignored -> new Observed(meter, name, description, unit, kind));
    }

    private static Attributes attributes(MetricKey key) {
        AttributesBuilder attributes = Attributes.builder();
        for (Tag tag : key.tags()) {
            attributes.put(tag.name(), tag.value());
        }
        return attributes.build();
    }

    @Override
    public String toString() {
        return "OpenTelemetry sink on " + meter;
    }

    private enum Kind {
        COUNTER,
        UP_DOWN_COUNTER
    }

    /** One asynchronous instrument and the series its callback reports. */
    private static final class Observed {

        private final List<Series> series = new CopyOnWriteArrayList<>();
        private final AutoCloseable registration;

        Observed(Meter meter, String name, String description, String unit, Kind kind) {
            Consumer<ObservableLongMeasurement> callback =
                    measurement -> {
                        for (Series one : series) {
                            measurement.record(one.value.getAsLong(), one.attributes);
                        }
                    };
            registration =
                    kind == Kind.COUNTER
                            ? meter.counterBuilder(name)
                                    .setDescription(description)
                                    .setUnit(unit)
                                    .buildWithCallback(callback)
                            : meter.upDownCounterBuilder(name)
                                    .setDescription(description)
                                    .setUnit(unit)
                                    .buildWithCallback(callback);
        }

        void add(Attributes attributes, LongSupplier value) {
            series.add(new Series(attributes, value));
        }
    }

    private record Series(Attributes attributes, LongSupplier value) {}
}
