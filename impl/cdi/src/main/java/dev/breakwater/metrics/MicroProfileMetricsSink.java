package dev.breakwater.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Records into a MicroProfile Metrics registry (the spec puts the metrics in the {@code base} scope): counters are
 * {@code Counter}s, histograms are {@code Histogram}s of nanoseconds, gauges are {@code Gauge<Long>}s, each with
 * the spec's name, description, unit and tags.
 *
 * <p>Written against MicroProfile Metrics 4.0, using only methods that 5.x kept.
 */
public final class MicroProfileMetricsSink extends RegisteringSink {

    private final MetricRegistry registry;
    private final List<MetricID> registered = new ArrayList<>();

    /** @param registry the registry, normally the base one; this sink removes what it added on close */
    public MicroProfileMetricsSink(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    Counter newCounter(MetricKey key, String description) {
        org.eclipse.microprofile.metrics.Counter counter =
                registry.counter(metadata(key, description, MetricUnits.NONE), tags(key));
        registered.add(id(key));
        return counter::inc;
    }

    @Override
    DurationHistogram newHistogram(MetricKey key, String description) {
        Histogram histogram =
                registry.histogram(metadata(key, description, MetricUnits.NANOSECONDS), tags(key));
        registered.add(id(key));
        return histogram::update;
    }

    @Override
    void newGauge(
            MetricKey key, String description, String unit, boolean monotonic, LongSupplier value) {
        MetricID id = id(key);
        // The registry hands back an existing gauge instead of taking the new one: a gauge left
        // behind with this
        // identity would read state that this deployment no longer has.
        registry.remove(id);
        Supplier<Long> boxed = value::getAsLong;
        registry.gauge(metadata(key, description, unit), boxed, tags(key));
        registered.add(id);
    }

    @Override
    void removeAll() {
        for (MetricID id : registered) {
            registry.remove(id);
        }
        registered.clear();
    }

    private static Metadata metadata(MetricKey key, String description, String unit) {
        return Metadata.builder()
                .withName(key.name())
                .withDescription(description)
                .withUnit(unit)
                .build();
    }

    private static MetricID id(MetricKey key) {
        return new MetricID(key.name(), tags(key));
    }

    private static org.eclipse.microprofile.metrics.Tag[] tags(MetricKey key) {
        org.eclipse.microprofile.metrics.Tag[] tags =
                new org.eclipse.microprofile.metrics.Tag[key.tags().size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] =
                    new org.eclipse.microprofile.metrics.Tag(
                            key.tags().get(i).name(), key.tags().get(i).value());
        }
        return tags;
    }

    @Override
    public String toString() {
        return "MicroProfile Metrics sink on " + registry;
    }
}
