package dev.breakwater.metrics;

import java.util.List;
import java.util.function.LongSupplier;

/** Records into several backends at once: every instrument it hands out feeds one instrument of each. */
public final class CompositeSink implements MetricSink {

    private final List<MetricSink> sinks;

    /** @param sinks two or more backends */
    public CompositeSink(List<MetricSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public Counter counter(String name, String description, Tag... tags) {
        Counter[] parts = new Counter[sinks.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = sinks.get(i).counter(name, description, tags);
        }
        return () -> {
            for (Counter part : parts) {
                part.increment();
            }
        };
    }

    @Override
    public DurationHistogram histogram(String name, String description, Tag... tags) {
        DurationHistogram[] parts = new DurationHistogram[sinks.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = sinks.get(i).histogram(name, description, tags);
        }
        return nanos -> {
            for (DurationHistogram part : parts) {
                part.record(nanos);
            }
        };
    }

    @Override
    public void gauge(
            String name, String description, String unit, LongSupplier value, Tag... tags) {
        for (MetricSink sink : sinks) {
            sink.gauge(name, description, unit, value, tags);
        }
    }

    @Override
    public void monotonicGauge(
            String name, String description, String unit, LongSupplier value, Tag... tags) {
        for (MetricSink sink : sinks) {
            sink.monotonicGauge(name, description, unit, value, tags);
        }
    }

    /** Closes every backend's sink, even when one of them fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (MetricSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return sinks.toString();
    }
}
