package dev.breakwater.cdi;

import dev.breakwater.core.Violation;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the parameters of one fault-tolerance annotation on one method: the annotation's value unless a
 * MicroProfile Config key overrides it. Remembers where each value came from, so that an error can tell the
 * user what to fix and where.
 */
final class AnnotationParameters {

    private final FaultToleranceConfig config;
    private final ConfigKeys keys;
    private final String site;
    private final ClassLoader loader;
    private final DefinitionErrors errors;
    private final String defaultOrigin;
    private final Map<String, String> origins = new HashMap<>();

    /** The value of each parameter as the user wrote it: the config text, or the annotation's value, shown on error. */
    private final Map<String, Object> written = new HashMap<>();

    AnnotationParameters(
            FaultToleranceConfig config,
            ConfigKeys keys,
            String site,
            ClassLoader loader,
            DefinitionErrors errors) {
        this(config, keys, site, loader, errors, "annotation");
    }

    /** @param defaultOrigin where a value that no config key overrides came from, as errors name it */
    AnnotationParameters(
            FaultToleranceConfig config,
            ConfigKeys keys,
            String site,
            ClassLoader loader,
            DefinitionErrors errors,
            String defaultOrigin) {
        this.config = config;
        this.keys = keys;
        this.site = site;
        this.loader = loader;
        this.errors = errors;
        this.defaultOrigin = defaultOrigin;
    }

    int intValue(String parameter, int annotationValue) {
        return read(
                parameter,
                annotationValue,
                "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE,
                Integer::valueOf);
    }

    long longValue(String parameter, long annotationValue) {
        return read(
                parameter,
                annotationValue,
                "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE,
                Long::valueOf);
    }

    double doubleValue(String parameter, double annotationValue) {
        return read(parameter, annotationValue, "a decimal number", Double::valueOf);
    }

    String stringValue(String parameter, String annotationValue) {
        return read(parameter, annotationValue, "a text", Function.identity());
    }

    ChronoUnit unitValue(String parameter, ChronoUnit annotationValue) {
        return read(
                parameter,
                annotationValue,
                "a java.time.temporal.ChronoUnit name such as MILLIS or SECONDS, in any case",
                AnnotationParameters::unit);
    }

    /** Reads a unit as SmallRye Config reads enums, so that {@code millis} and {@code half-days} work as in Quarkus. */
    private static ChronoUnit unit(String text) {
        String wanted = ConfigNames.kebab(text);
        for (ChronoUnit unit : ChronoUnit.values()) {
            if (ConfigNames.kebab(unit.name()).equals(wanted)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("no ChronoUnit is named " + text);
    }

    /** Reads an enum constant as SmallRye Config reads enums: {@code rolling}, {@code ROLLING}, {@code Rolling}. */
    <E extends Enum<E>> E enumValue(String parameter, E annotationValue, Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(constant.name());
        }
        return read(
                parameter,
                annotationValue,
                "one of " + names + ", in any case",
                text -> {
                    String wanted = ConfigNames.kebab(text);
                    for (E constant : type.getEnumConstants()) {
                        if (ConfigNames.kebab(constant.name()).equals(wanted)) {
                            return constant;
                        }
                    }
                    throw new IllegalArgumentException("no constant is named " + text);
                });
    }

    Class<?> classValue(String parameter, Class<?> annotationValue) {
        return read(parameter, annotationValue, "a fully qualified class name", this::load);
    }

    @SuppressWarnings("unchecked")
    List<Class<? extends Throwable>> throwableClasses(
            String parameter, Class<? extends Throwable>[] annotationValue) {
        return read(
                parameter,
                List.of(annotationValue),
                "a comma-separated list of Throwable class names",
                text -> {
                    List<Class<? extends Throwable>> classes = new ArrayList<>();
                    for (String name : text.split(",")) {
                        if (name.isBlank()) {
                            continue;
                        }
                        Class<?> type = load(name);
                        if (!Throwable.class.isAssignableFrom(type)) {
                            throw new IllegalArgumentException(name.trim() + " is not a Throwable");
                        }
                        classes.add((Class<? extends Throwable>) type);
                    }
                    return classes;
                });
    }

    /**
     * @return the duration in nanoseconds, or empty after recording an error when value and unit do not make one
     */
    Optional<Long> nanos(String valueParameter, long value, String unitParameter, ChronoUnit unit) {
        try {
            return Optional.of(Duration.of(value, unit).toNanos());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            errors.add(
                    site
                            + ": "
                            + describe(valueParameter)
                            + " with "
                            + describe(unitParameter)
                            + " is not a duration Breakwater can measure; allowed: an exact unit from NANOS to DAYS and a"
                            + " value that fits in "
                            + Long.MAX_VALUE
                            + " nanoseconds");
            return Optional.empty();
        }
    }

    /** @return whether a config key set the parameter, after it was read */
    boolean fromConfig(String parameter) {
        return !origins.getOrDefault(parameter, defaultOrigin).equals(defaultOrigin);
    }

    /** Records a rule the effective values break. */
    void reject(Violation violation) {
        errors.add(
                site
                        + ": "
                        + describe(violation.parameter())
                        + " is invalid; allowed: "
                        + violation.allowed());
    }

    /** Records an error about this annotation that is not about one parameter's range. */
    void reject(String problem) {
        errors.add(site + ": " + problem);
    }

    /** @return the parameter as the user wrote it, and where: {@code delay = 500 (config key Retry/delay)} */
    String describe(String parameter) {
        String origin = origins.getOrDefault(parameter, defaultOrigin);
        return parameter + " = " + show(written.getOrDefault(parameter, "?")) + " (" + origin + ")";
    }

    private <T> T read(
            String parameter, T annotationValue, String expected, Function<String, T> parser) {
        for (String key : keys.parameterKeys(parameter)) {
            Optional<String> text = config.value(key);
            if (text.isEmpty()) {
                continue;
            }
            origins.put(parameter, "config key " + key);
            written.put(parameter, text.get());
            try {
                return parser.apply(text.get().trim());
            } catch (RuntimeException e) {
                errors.add(
                        site
                                + ": "
                                + parameter
                                + " = '"
                                + text.get()
                                + "' (config key "
                                + key
                                + ") cannot be read; allowed: "
                                + expected
                                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
                return annotationValue;
            }
        }
        origins.put(parameter, defaultOrigin);
        written.put(parameter, annotationValue);
        return annotationValue;
    }

    private static String show(Object value) {
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof List<?> list) {
            List<String> names = new ArrayList<>();
            for (Object item : list) {
                names.add(show(item));
            }
            return "{" + String.join(", ", names) + "}";
        }
        return String.valueOf(value);
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name.trim(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + name.trim() + " is not found", e);
        }
    }
}
