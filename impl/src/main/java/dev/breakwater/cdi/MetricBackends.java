package dev.breakwater.cdi;

import dev.breakwater.metrics.MetricSink;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Finds the metrics backends a deployment really has. A backend is to count only when its API is on the class
 * path and the container offers a usable registry, never merely because classes are present.
 *
 * <p>No adapter exists yet (MicroProfile Metrics, OpenTelemetry and Micrometer are the open part of the metrics
 * work), so no deployment has a backend and pipelines are built without a recorder.
 */
final class MetricBackends {

    private MetricBackends() {
    }

    /** @return a sink recording into the backends found, or {@code null} when there is none */
    static MetricSink find(BeanManager beanManager) {
        return null;
    }
}
