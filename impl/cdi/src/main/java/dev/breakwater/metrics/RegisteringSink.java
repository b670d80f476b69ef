package dev.breakwater.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What every backend's sink shares: each metric (name and tags) is registered with the backend once and handed
 * to every method that asks for it, so that methods whose fully qualified names clash (overloads) share their
 * counters and histograms, and their gauges report the sum of all of them, as the spec allows ("the metrics for
 * those methods will be combined"). {@link #close()} asks the backend to remove all of it, once.
 *
 * <p>Registration runs while the container deploys; recording never comes here, it goes straight to the
 * instruments handed out.
 */
abstract class RegisteringSink implements MetricSink {

    private final Map<MetricKey, Counter> counters = new HashMap<>();
    private final Map<MetricKey, DurationHistogram> histograms = new HashMap<>();
    private final Map<MetricKey, GaugeSum> gauges = new HashMap<>();
    private boolean closed;

    @Override
    public final synchronized Counter counter(String name, String description, Tag... tags) {
        checkOpen();
        return counters.computeIfAbsent(
                new MetricKey(name, tags), key -> newCounter(key, description));
    }

    @Override
    public final synchronized DurationHistogram histogram(
            String name, String description, Tag... tags) {
        checkOpen();
        return histograms.computeIfAbsent(
                new MetricKey(name, tags), key -> newHistogram(key, description));
    }

    @Override
    public final void gauge(
            String name, String description, String unit, LongSupplier value, Tag... tags) {
        registerGauge(new MetricKey(name, tags), description, unit, false, value);
    }

    @Override
    public final void monotonicGauge(
            String name, String description, String unit, LongSupplier value, Tag... tags) {
        registerGauge(new MetricKey(name, tags), description, unit, true, value);
    }

    private synchronized void registerGauge(
            MetricKey key, String description, String unit, boolean monotonic, LongSupplier value) {
        checkOpen();
        GaugeSum existing = gauges.get(key);
        if (existing != null) {
            existing.add(value);
            return;
        }
        GaugeSum sum = new GaugeSum(value);
        newGauge(key, description, unit, monotonic, sum);
        gauges.put(key, sum);
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            removeAll();
        } finally {
            counters.clear();
            histograms.clear();
            gauges.clear();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /**
     * @param key the metric
     * @param description what it counts
     * @return a counter registered with the backend
     */
    abstract Counter newCounter(MetricKey key, String description);

    /**
     * @param key the metric
     * @param description what it measures
     * @return a histogram of nanosecond durations registered with the backend
     */
    abstract DurationHistogram newHistogram(MetricKey key, String description);

    /**
     * Registers a gauge with the backend.
     *
     * @param key the metric
     * @param description what it shows
     * @param unit {@code nanoseconds} or {@code none}
     * @param monotonic whether the value never decreases
     * @param value read whenever the backend samples the gauge
     */
    abstract void newGauge(
            MetricKey key, String description, String unit, boolean monotonic, LongSupplier value);

    /** Removes from the backend everything registered through this sink. */
    abstract void removeAll();

    /** The gauges registered under one key: usually one, several when method names clash. */
    static final class GaugeSum implements LongSupplier {

        private volatile LongSupplier[] parts;

        GaugeSum(LongSupplier first) {
            parts = new LongSupplier[] {first};
        }

        void add(LongSupplier part) {
            LongSupplier[] current = parts;
            LongSupplier[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = part;
            parts = grown;
        }

        @Override
        public long getAsLong() {
            long sum = 0;
            for (LongSupplier part : parts) {
                sum += part.getAsLong();
            }
            return sum;
        }
    }
}
