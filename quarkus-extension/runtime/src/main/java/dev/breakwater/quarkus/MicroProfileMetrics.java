package dev.breakwater.quarkus;

import dev.breakwater.cdi.MicroProfileMetricsBackend;
import dev.breakwater.metrics.MetricSink;
import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.spi.BeanManager;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/** MicroProfile Metrics, touched only when its API is on the class path. */
final class MicroProfileMetrics {

    private MicroProfileMetrics() {
    }

    /**
     * @return a sink into the {@code base} registry, or {@code null} when there is none; also when ArC does not
     *         know {@code @RegistryType} as a qualifier, which happens when the API is present without an
     *         implementation that ArC indexed
     */
    static MetricSink sink() {
        BeanManager beanManager = Arc.container().beanManager();
        return beanManager.isQualifier(RegistryType.class) ? MicroProfileMetricsBackend.find(beanManager) : null;
    }
}
