package dev.breakwater.metrics;

import java.util.function.LongSupplier;

/**
 * A metrics backend, seen from the spec's metrics. Instruments are created once per guarded method at deployment
 * and kept; recording through them must not look anything up.
 */
public interface MetricSink {

    /**
     * @param name the metric's name, such as {@code ft.invocations.total}
     * @param description what it counts
     * @param tags name and value pairs, {@code method} first
     * @return a monotonic counter
     */
    Counter counter(String name, String description, Tag... tags);

    /**
     * @param name the metric's name
     * @param description what it measures
     * @param tags name and value pairs
     * @return a histogram of nanosecond durations
     */
    DurationHistogram histogram(String name, String description, Tag... tags);

    /**
     * A value that goes up and down, such as the number of running executions.
     *
     * @param name the metric's name
     * @param description what it shows
     * @param unit {@code nanoseconds} or {@code none}
     * @param value read whenever the backend samples the gauge
     * @param tags name and value pairs
     */
    void gauge(String name, String description, String unit, LongSupplier value, Tag... tags);

    /**
     * A value read when sampled that never decreases, such as the time a circuit breaker spent in a state: the spec
     * calls it a gauge, backends that know monotonic observed values (OpenTelemetry, Micrometer) get a counter.
     *
     * @param name the metric's name
     * @param description what it shows
     * @param unit {@code nanoseconds} or {@code none}
     * @param value read whenever the backend samples it
     * @param tags name and value pairs
     */
    void monotonicGauge(
            String name, String description, String unit, LongSupplier value, Tag... tags);

    /**
     * Removes everything this sink registered: metrics must not outlive the deployment that created them. Calling
     * it again does nothing; instruments handed out before keep working but are no longer reported.
     */
    void close();

    /** A counter that only goes up. */
    @FunctionalInterface
    interface Counter {
        /** Adds one. */
        void increment();
    }

    /** A histogram of durations. */
    @FunctionalInterface
    interface DurationHistogram {
        /** @param nanos one duration */
        void record(long nanos);
    }

    /**
     * One tag of a metric.
     *
     * @param name the tag's name
     * @param value its value
     */
    record Tag(String name, String value) {}
}
