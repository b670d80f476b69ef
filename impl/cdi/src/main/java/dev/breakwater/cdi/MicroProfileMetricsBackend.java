package dev.breakwater.cdi;

import dev.breakwater.metrics.MetricSink;
import dev.breakwater.metrics.MicroProfileMetricsSink;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.util.AnnotationLiteral;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/** MicroProfile Metrics, touched only once {@link MetricBackends} chose it, which needs its API on the class path. */
final class MicroProfileMetricsBackend {

    private MicroProfileMetricsBackend() {}

    /**
     * @param beanManager the container's bean manager
     * @return a sink into the {@code base} registry, or {@code null} when the container offers none; also when the
     *         container does not know {@code @RegistryType} as a qualifier (ArC, when the API is present without an
     *         implementation that it indexed)
     */
    static MetricSink find(BeanManager beanManager) {
        if (!beanManager.isQualifier(RegistryType.class)) {
            return null;
        }
        MetricRegistry registry =
                MetricBackends.contextualInstance(
                        beanManager,
                        MetricRegistry.class,
                        candidate -> true,
                        BaseRegistry.INSTANCE);
        return registry == null ? null : new MicroProfileMetricsSink(registry);
    }

    /** {@code @RegistryType(type = BASE)}; MicroProfile Metrics 4.0 has no literal of its own. */
    @SuppressWarnings("all")
    private static final class BaseRegistry extends AnnotationLiteral<RegistryType>
            implements RegistryType {

        static final BaseRegistry INSTANCE = new BaseRegistry();

        @Override
        public MetricRegistry.Type type() {
            return MetricRegistry.Type.BASE;
        }
    }
}
