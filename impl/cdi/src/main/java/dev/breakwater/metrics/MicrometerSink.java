package dev.breakwater.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Records into a Micrometer {@link MeterRegistry} with the spec's names and tags: counters are {@code Counter}s,
 * the duration histograms are {@code Timer}s (the registry reports them in its base time unit), the running and
 * waiting executions of a bulkhead are {@code Gauge}s and the time a circuit breaker spent in a state is a
 * {@code FunctionCounter} in nanoseconds. {@link #close()} removes every meter it registered.
 */
public final class MicrometerSink extends RegisteringSink {

    private final MeterRegistry registry;
    private final List<Meter> registered = new ArrayList<>();

    /** @param registry the registry to register meters with */
    public MicrometerSink(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    Counter newCounter(MetricKey key, String description) {
        io.micrometer.core.instrument.Counter counter =
                io.micrometer.core.instrument.Counter.builder(key.name())
                        .description(description)
                        .tags(tags(key))
                        .register(registry);
        registered.add(counter);
        return counter::increment;
    }

    @Override
    DurationHistogram newHistogram(MetricKey key, String description) {
        Timer timer =
                Timer.builder(key.name())
                        .description(description)
                        .tags(tags(key))
                        .register(registry);
        registered.add(timer);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    void newGauge(
            MetricKey key, String description, String unit, boolean monotonic, LongSupplier value) {
        String baseUnit = SpecMetrics.NONE.equals(unit) ? null : unit;
        Meter meter =
                monotonic
                        ? FunctionCounter.builder(key.name(), value, LongSupplier::getAsLong)
                                .description(description)
                                .baseUnit(baseUnit)
                                .tags(tags(key))
                                .register(registry)
                        : Gauge.builder(key.name(), value, LongSupplier::getAsLong)
                                .description(description)
                                .baseUnit(baseUnit)
                                .tags(tags(key))
                                .strongReference(true)
                                .register(registry);
        registered.add(meter);
    }

    @Override
    void removeAll() {
        for (Meter meter : registered) {
            registry.remove(meter);
        }
        registered.clear();
    }

    private static Tags tags(MetricKey key) {
        Tags tags = Tags.empty();
        for (Tag tag : key.tags()) {
            tags = tags.and(tag.name(), tag.value());
        }
        return tags;
    }

    @Override
    public String toString() {
        return "Micrometer sink on " + registry;
    }
}
