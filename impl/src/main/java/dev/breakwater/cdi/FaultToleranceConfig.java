package dev.breakwater.cdi;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Fallback;

import java.lang.annotation.Annotation;
import java.util.Optional;

/**
 * The deployment-wide switches of MicroProfile Fault Tolerance, read once from MicroProfile Config when the
 * container starts (the spec forbids reacting to later changes).
 */
final class FaultToleranceConfig {

    /** The spec's default: just after the platform's own interceptors. */
    static final int DEFAULT_INTERCEPTOR_PRIORITY = jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 10;

    private static final String NON_FALLBACK_ENABLED = "MP_Fault_Tolerance_NonFallback_Enabled";
    private static final String INTERCEPTOR_PRIORITY = "mp.fault.tolerance.interceptor.priority";
    private static final String METRICS_ENABLED = "MP_Fault_Tolerance_Metrics_Enabled";

    private final Config config;
    private final boolean nonFallbackEnabled;
    private final int interceptorPriority;
    private final boolean metricsEnabled;

    FaultToleranceConfig(Config config) {
        this.config = config;
        this.nonFallbackEnabled = config.getOptionalValue(NON_FALLBACK_ENABLED, Boolean.class).orElse(true);
        this.interceptorPriority = config.getOptionalValue(INTERCEPTOR_PRIORITY, Integer.class)
                .orElse(DEFAULT_INTERCEPTOR_PRIORITY);
        this.metricsEnabled = config.getOptionalValue(METRICS_ENABLED, Boolean.class).orElse(true);
    }

    /** @return whether metrics are wanted at all; a backend must also be present */
    boolean metricsEnabled() {
        return metricsEnabled;
    }

    Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class);
    }

    int interceptorPriority() {
        return interceptorPriority;
    }

    /**
     * Whether an annotation is switched on for a method, most specific key first:
     * {@code <class>/<method>/<Annotation>/enabled}, {@code <class>/<Annotation>/enabled} (for method-level
     * annotations too), {@code <Annotation>/enabled}, and for every annotation but {@code @Fallback}
     * {@code MP_Fault_Tolerance_NonFallback_Enabled}.
     */
    boolean enabled(ConfigKeys keys, Class<? extends Annotation> annotation) {
        for (String key : keys.enabledKeys()) {
            Optional<Boolean> value = config.getOptionalValue(key, Boolean.class);
            if (value.isPresent()) {
                return value.get();
            }
        }
        return annotation == Fallback.class || nonFallbackEnabled;
    }
}
