package dev.breakwater.cdi;

import dev.breakwater.metrics.CompositeSink;
import dev.breakwater.metrics.MetricSink;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The metrics backends a deployment records into, and the sink into them: a backend counts only when it was chosen
 * and the container offers a usable registry, never merely because classes are present.
 *
 * <ul>
 *   <li>MicroProfile Metrics: a {@code MetricRegistry} bean qualified {@code @RegistryType(type = BASE)}.</li>
 *   <li>OpenTelemetry: an {@code OpenTelemetry} bean whose meter provider is not the no-op one.</li>
 *   <li>Micrometer: a {@code MeterRegistry} bean that is not closed.</li>
 * </ul>
 *
 * <p>Weld deployments choose by {@link #onClassPath()}; the Quarkus extension chooses by the build's capabilities and
 * records its choice. Each backend's API is touched only by its own class ({@link MicroProfileMetricsBackend},
 * {@link OpenTelemetryBackend}, {@link MicrometerBackend}), loaded only when its backend was chosen, so Breakwater
 * runs with none of the optional jars.
 *
 * @param microProfileMetrics whether to record into MicroProfile Metrics
 * @param micrometer whether to record into Micrometer
 * @param openTelemetry whether to record into OpenTelemetry
 */
public record MetricBackends(
        boolean microProfileMetrics, boolean micrometer, boolean openTelemetry) {

    private static final System.Logger LOG = System.getLogger(MetricBackends.class.getName());

    private static final String MP_METRICS_API =
            "org.eclipse.microprofile.metrics.annotation.RegistryType";
    private static final String OPENTELEMETRY_API = "io.opentelemetry.api.OpenTelemetry";
    private static final String MICROMETER_API = "io.micrometer.core.instrument.MeterRegistry";
    private static final String OTEL_SDK_DISABLED = "otel.sdk.disabled";

    /**
     * The backends whose API is on the class path; OpenTelemetry only with {@code otel.sdk.disabled=false} in
     * MicroProfile Config (MicroProfile Telemetry's switch, off by default), since its jars travel with many
     * libraries and their presence alone proves nothing.
     */
    static MetricBackends onClassPath() {
        ClassLoader loader = MetricBackends.class.getClassLoader();
        Config config = ConfigProvider.getConfig();
        return new MetricBackends(
                present(MP_METRICS_API, loader),
                present(MICROMETER_API, loader),
                present(OPENTELEMETRY_API, loader)
                        && !config.getOptionalValue(OTEL_SDK_DISABLED, Boolean.class).orElse(true));
    }

    /**
     * @param beanManager the container's bean manager
     * @return a sink recording into every chosen backend the container offers a registry of, or {@code null} when
     *         there is none
     */
    public MetricSink find(BeanManager beanManager) {
        List<MetricSink> sinks = new ArrayList<>();
        if (microProfileMetrics) {
            add(sinks, MicroProfileMetricsBackend.find(beanManager));
        }
        if (openTelemetry) {
            add(sinks, OpenTelemetryBackend.find(beanManager));
        }
        if (micrometer) {
            add(sinks, MicrometerBackend.find(beanManager));
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                () -> "Fault tolerance metrics go to " + (sinks.isEmpty() ? "no backend" : sinks));
        return switch (sinks.size()) {
            case 0 -> null;
            case 1 -> sinks.get(0);
            default -> new CompositeSink(sinks);
        };
    }

    private static void add(List<MetricSink> sinks, MetricSink sink) {
        if (sink != null) {
            sinks.add(sink);
        }
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Resolves the one bean of a type and returns its instance itself, not a client proxy: the sink keeps it until
     * {@code BeforeShutdown}, when the contexts are already destroyed and a proxy would have nothing to call.
     *
     * @param type the bean type
     * @param qualifiers its qualifiers
     * @param usable whether the instance can take metrics
     * @return the instance, or {@code null} when there is no such bean, more than one, or an unusable one
     */
    static <T> T contextualInstance(
            BeanManager beanManager, Class<T> type, Predicate<T> usable, Annotation... qualifiers) {
        Bean<?> bean;
        try {
            bean = beanManager.resolve(beanManager.getBeans(type, qualifiers));
        } catch (AmbiguousResolutionException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Fault tolerance metrics are not recorded into "
                            + type.getName()
                            + ": more than one bean offers it ("
                            + e.getMessage()
                            + ")");
            return null;
        }
        if (bean == null) {
            return null;
        }
        T instance = type.cast(instance(beanManager, bean, type));
        return instance != null && usable.test(instance) ? instance : null;
    }

    private static <B> Object instance(BeanManager beanManager, Bean<B> bean, Class<?> type) {
        CreationalContext<B> creationalContext = beanManager.createCreationalContext(bean);
        if (beanManager.isNormalScope(bean.getScope())) {
            return beanManager.getContext(bean.getScope()).get(bean, creationalContext);
        }
        return beanManager.getReference(bean, type, creationalContext);
    }
}
