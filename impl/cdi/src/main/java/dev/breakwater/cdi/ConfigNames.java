package dev.breakwater.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How the two key grammars name annotations and their members: the spec's {@code Retry/maxRetries} and the
 * kebab-case {@code retry.max-retries} that Quarkus and SmallRye Fault Tolerance read under
 * {@code quarkus.fault-tolerance.} and {@code smallrye.faulttolerance.}.
 *
 * <p>The kebab-case names follow the incumbent's: every camel-case word becomes a lower-case word after a hyphen,
 * except two {@code @Retry} units named after the value they measure ({@code durationUnit} is
 * {@code max-duration-unit}, {@code jitterDelayUnit} is {@code jitter-unit}).
 */
final class ConfigNames {

    /** The prefixes of the kebab-case grammar, in precedence order (Quarkus relocates the second to the first). */
    static final List<String> PREFIXES =
            List.of("quarkus.fault-tolerance.", "smallrye.faulttolerance.");

    /** The scope of a key that applies to every use of an annotation. */
    static final String GLOBAL = "global";

    /** The switch every annotation has. */
    static final String ENABLED = "enabled";

    private static final Map<String, String> RENAMED_MEMBERS =
            Map.of(
                    "durationUnit", "maxDurationUnit",
                    "jitterDelayUnit", "jitterUnit");

    private ConfigNames() {}

    /** @return {@code circuit-breaker} for {@code @CircuitBreaker} */
    static String kebabAnnotation(Class<? extends Annotation> annotation) {
        return kebab(annotation.getSimpleName());
    }

    /** @return {@code max-duration-unit} for {@code durationUnit}, {@code max-retries} for {@code maxRetries} */
    static String kebabMember(String member) {
        return kebab(RENAMED_MEMBERS.getOrDefault(member, member));
    }

    /** @return the kebab-case names of the annotation's members and {@code enabled}, sorted */
    static SortedSet<String> members(Class<? extends Annotation> annotation) {
        SortedSet<String> members = new TreeSet<>();
        for (Method member : annotation.getDeclaredMethods()) {
            members.add(kebabMember(member.getName()));
        }
        members.add(ENABLED);
        return members;
    }

    /** @return the annotations config keys name, by kebab-case name */
    static Map<String, Class<? extends Annotation>> annotations() {
        Map<String, Class<? extends Annotation>> annotations = new LinkedHashMap<>();
        for (Class<? extends Annotation> annotation : FaultToleranceAnnotations.CONFIGURABLE) {
            annotations.put(kebabAnnotation(annotation), annotation);
        }
        return annotations;
    }

    /**
     * Spells a name the way SmallRye Config matches enum constants: {@code MILLIS}, {@code millis},
     * {@code Millis} are {@code millis}; {@code HALF_DAYS}, {@code half_days}, {@code halfDays}, {@code half-days}
     * are {@code half-days}.
     */
    static String kebab(String name) {
        StringBuilder kebab = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                kebab.append('-');
            } else if (Character.isUpperCase(c)) {
                if (i > 0
                        && (Character.isLowerCase(name.charAt(i - 1))
                                || Character.isDigit(name.charAt(i - 1)))) {
                    kebab.append('-');
                }
                kebab.append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString().toLowerCase(Locale.ROOT);
    }

    /** @return {@code prefix + "\"" + id + "\"." + rest}, or {@code prefix + "global." + rest} without an id */
    static List<String> kebabKeys(String id, String annotation, String member) {
        List<String> keys = new ArrayList<>(PREFIXES.size());
        for (String prefix : PREFIXES) {
            keys.add(
                    prefix
                            + (id == null ? GLOBAL : "\"" + id + "\"")
                            + "."
                            + annotation
                            + "."
                            + member);
        }
        return keys;
    }
}
