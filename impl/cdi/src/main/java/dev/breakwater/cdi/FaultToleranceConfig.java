package dev.breakwater.cdi;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Fallback;

/**
 * The deployment-wide switches of MicroProfile Fault Tolerance, read once from MicroProfile Config when the
 * container starts (the spec forbids reacting to later changes).
 *
 * <p>Switches accept what MicroProfile Config's boolean converter reads as true ({@code true}, {@code yes},
 * {@code y}, {@code on}, {@code 1}, in any case) and their opposites. That converter reads every other text as
 * false, which would turn a typo ({@code enabled=ture}) into silently disabled protection, so any other value is
 * a definition error.
 */
final class FaultToleranceConfig {

    /** The spec's default: just after the platform's own interceptors. */
    static final int DEFAULT_INTERCEPTOR_PRIORITY =
            jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 10;

    /** The switch of every annotation but {@code @Fallback}, most specific spelling first (the incumbent's order). */
    private static final List<String> NON_FALLBACK_ENABLED =
            List.of(
                    "quarkus.fault-tolerance.enabled",
                    "smallrye.faulttolerance.enabled",
                    "MP_Fault_Tolerance_NonFallback_Enabled");

    private static final List<String> METRICS_ENABLED =
            List.of(
                    "quarkus.fault-tolerance.metrics.enabled",
                    "smallrye.faulttolerance.metrics.enabled",
                    "MP_Fault_Tolerance_Metrics_Enabled");
    private static final List<String> MP_COMPATIBILITY =
            List.of(
                    "quarkus.fault-tolerance.mp-compatibility",
                    "smallrye.faulttolerance.mp-compatibility");
    private static final String INTERCEPTOR_PRIORITY = "mp.fault.tolerance.interceptor.priority";

    /** Quarkus's key first: there Breakwater's own settings live under {@code quarkus.breakwater}. */
    private static final List<String> STACKLESS_REFUSALS =
            List.of("quarkus.breakwater.refusals.stackless", "breakwater.refusals.stackless");

    private final Config config;
    private final DefinitionErrors errors;
    private final PrefixedConfigNames prefixedNames;

    /**
     * The values looked up so far, by key. Every method asks for the same global keys ({@code Retry/maxRetries})
     * and the methods of a class for the same class keys, and each key's value is read once per deployment anyway
     * (the spec forbids reacting to later changes), so each is looked up once. Used by the one thread that reads
     * the deployment, and dropped when it is read.
     */
    private Map<String, Optional<String>> values = new HashMap<>();

    private final boolean nonFallbackEnabled;
    private final int interceptorPriority;
    private final boolean metricsEnabled;
    private final boolean stacklessRefusals;
    private final boolean mpCompatibility;

    /**
     * @param mpCompatibleByDefault the platform's default for {@link #mpCompatibility()}: true on a CDI container,
     *                              false on Quarkus, as the incumbent has it
     */
    FaultToleranceConfig(Config config, DefinitionErrors errors, boolean mpCompatibleByDefault) {
        this.config = config;
        this.errors = errors;
        this.prefixedNames = new PrefixedConfigNames(config);
        this.nonFallbackEnabled = firstFlag(NON_FALLBACK_ENABLED).orElse(true);
        this.interceptorPriority = priority();
        this.metricsEnabled = firstFlag(METRICS_ENABLED).orElse(true);
        this.stacklessRefusals = firstFlag(STACKLESS_REFUSALS).orElse(false);
        this.mpCompatibility = firstFlag(MP_COMPATIBILITY).orElse(mpCompatibleByDefault);
    }

    /** @return the first of the keys that is set, read as a deployment-wide switch */
    private Optional<Boolean> firstFlag(List<String> keys) {
        for (String key : keys) {
            if (value(key).isPresent()) {
                return flag(key, key, "");
            }
        }
        return Optional.empty();
    }

    private int priority() {
        Optional<String> text = value(INTERCEPTOR_PRIORITY);
        if (text.isEmpty()) {
            return DEFAULT_INTERCEPTOR_PRIORITY;
        }
        try {
            return Integer.parseInt(text.get().trim());
        } catch (NumberFormatException e) {
            errors.add(
                    INTERCEPTOR_PRIORITY
                            + " = '"
                            + text.get()
                            + "' (config key "
                            + INTERCEPTOR_PRIORITY
                            + ") cannot be read; allowed: a whole number from "
                            + Integer.MIN_VALUE
                            + " to "
                            + Integer.MAX_VALUE
                            + " (default "
                            + DEFAULT_INTERCEPTOR_PRIORITY
                            + ")");
            return DEFAULT_INTERCEPTOR_PRIORITY;
        }
    }

    /**
     * @param name how an error names the switch: {@code enabled}, or the key of a deployment-wide switch
     * @param site what the switch belongs to, to prefix an error with ({@code "@Retry on com.acme.Bean.call(): "}),
     *             or empty for a deployment-wide switch
     * @return the switch's value, or empty when it is not set or cannot be read (an error is then recorded)
     */
    private Optional<Boolean> flag(String key, String name, String site) {
        Optional<String> text = value(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Boolean> meaning = ConfigFlag.read(text.get());
        if (meaning.isEmpty()) {
            errors.add(
                    site
                            + name
                            + " = '"
                            + text.get()
                            + "' (config key "
                            + key
                            + ") cannot be read; allowed: "
                            + ConfigFlag.ALLOWED);
        }
        return meaning;
    }

    /** @return whether policies other than fallback apply ({@code MP_Fault_Tolerance_NonFallback_Enabled}) */
    boolean nonFallbackEnabled() {
        return nonFallbackEnabled;
    }

    /** @return whether metrics are wanted at all; a backend must also be present */
    boolean metricsEnabled() {
        return metricsEnabled;
    }

    /**
     * @return whether refusals are stackless subclasses of the spec's exceptions
     *         ({@code breakwater.refusals.stackless}, default false: exactly the spec's classes)
     */
    boolean stacklessRefusals() {
        return stacklessRefusals;
    }

    /**
     * @return whether the spec's semantics apply ({@code true}) or SmallRye's non-compatible mode: asynchrony from
     *         the return type without a thread hop, exception lists that inspect cause chains.
     *         {@code quarkus.fault-tolerance.mp-compatibility}, else {@code smallrye.faulttolerance.mp-compatibility},
     *         else the platform's default
     */
    boolean mpCompatibility() {
        return mpCompatibility;
    }

    /** @return the value of a key as written, or empty when it is not set */
    Optional<String> value(String key) {
        if (!prefixedNames.mayHold(key)) {
            return Optional.empty();
        }
        Optional<String> value = values.get(key);
        if (value == null) {
            value = config.getOptionalValue(key, String.class);
            values.put(key, value);
        }
        return value;
    }

    /** Drops the values looked up so far, once the deployment is read: a container may keep this object. */
    void forgetValues() {
        values = new HashMap<>();
    }

    /** @return false when no key under {@code quarkus.fault-tolerance.} or {@code smallrye.faulttolerance.} is set */
    boolean kebabKeysMayBeSet() {
        return prefixedNames.any();
    }

    /** @return the keys set under {@code quarkus.fault-tolerance.} and {@code smallrye.faulttolerance.}, as written */
    List<String> prefixedKeys() {
        return prefixedNames.written();
    }

    int interceptorPriority() {
        return interceptorPriority;
    }

    /**
     * Whether an annotation is switched on for a method, most specific key first: the method's
     * {@link ConfigKeys#enabledKeys() enabled keys}, and for every annotation but {@code @Fallback}
     * {@code quarkus.fault-tolerance.enabled}, {@code smallrye.faulttolerance.enabled},
     * {@code MP_Fault_Tolerance_NonFallback_Enabled}.
     */
    boolean enabled(ConfigKeys keys, Class<? extends Annotation> annotation, String site) {
        for (String key : keys.enabledKeys()) {
            if (value(key).isPresent()) {
                // The most specific key that is set decides; when it cannot be read, the error is
                // recorded and
                // the deployment fails, so the fallback value returned here is never used.
                return flag(key, ConfigNames.ENABLED, site + ": ").orElse(true);
            }
        }
        return annotation == Fallback.class || nonFallbackEnabled;
    }
}
