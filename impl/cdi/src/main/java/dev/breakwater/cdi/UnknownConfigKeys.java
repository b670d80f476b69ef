package dev.breakwater.cdi;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fails the deployment on a key under {@code quarkus.fault-tolerance.} or {@code smallrye.faulttolerance.} that
 * configures nothing: one that names no guarded method or class, no annotation, no member, or an annotation that
 * is not where the key's scope reads it (a {@code "<class>"} key for an annotation placed on a method). The
 * incumbent ignores such keys, so a typo would silently leave the annotation's value in force; here the error
 * names the key and the nearest key that would work.
 *
 * <p>The spec's own {@code <class>/<method>/<Annotation>/<member>} keys are not checked: they have no prefix to
 * tell them from the application's other properties.
 */
final class UnknownConfigKeys {

    private static final List<String> SWITCHES =
            List.of("enabled", "metrics.enabled", "mp-compatibility");
    private static final String FORMS =
            "allowed: <prefix>enabled, <prefix>metrics.enabled, <prefix>mp-compatibility,"
                    + " <prefix>global.<annotation>.<member>, <prefix>\"<class>/<method>\".<annotation>.<member> (an"
                    + " annotation on that method), <prefix>\"<class>\".<annotation>.<member> (an annotation on that class),"
                    + " <prefix>\"<identifier>\".<strategy>.<member> (a Guard or TypedGuard bean with that @Identifier),"
                    + " with <prefix> quarkus.fault-tolerance. or smallrye.faulttolerance.";

    private final Map<String, Class<? extends Annotation>> annotations = ConfigNames.annotations();

    /** Per {@code "<class>/<method>"} or {@code "<class>"}: the annotations whose members its keys set. */
    private final Map<String, Set<Class<? extends Annotation>>> configured = new HashMap<>();

    /** Per {@code "<class>/<method>"} or {@code "<class>"}: the annotations its {@code enabled} keys switch. */
    private final Map<String, Set<Class<? extends Annotation>>> switched = new HashMap<>();

    /** Per id: where a member key of an annotation that is elsewhere belongs, for the suggestion. */
    private final Map<String, Map<Class<? extends Annotation>, String>> elsewhere = new HashMap<>();

    /** The {@code @Identifier}s of the deployment's {@code Guard} and {@code TypedGuard} beans. */
    private final Set<String> guards;

    private UnknownConfigKeys(Collection<GuardedMethod> methods, Set<String> guards) {
        this.guards = guards;
        for (GuardedMethod guarded : methods) {
            String name = guarded.method().getName();
            List<String> methodIds =
                    ids(guarded.beanClass(), guarded.method().getDeclaringClass(), "/" + name);
            for (FoundAnnotation<?> found : guarded.annotations().values()) {
                Class<? extends Annotation> type = found.annotation().annotationType();
                List<String> classIds = ids(guarded.beanClass(), found.declaredOn(), "");
                List<String> ownIds = found.classLevel() ? classIds : methodIds;
                List<String> otherIds = found.classLevel() ? methodIds : classIds;
                for (String id : ownIds) {
                    configured.computeIfAbsent(id, key -> new LinkedHashSet<>()).add(type);
                }
                for (String id : otherIds) {
                    elsewhere
                            .computeIfAbsent(id, key -> new HashMap<>())
                            .putIfAbsent(type, ownIds.get(0));
                }
                for (String id : methodIds) {
                    switched.computeIfAbsent(id, key -> new LinkedHashSet<>()).add(type);
                }
                for (String id :
                        ids(guarded.beanClass(), guarded.method().getDeclaringClass(), "")) {
                    switched.computeIfAbsent(id, key -> new LinkedHashSet<>()).add(type);
                }
                for (String id : classIds) {
                    switched.computeIfAbsent(id, key -> new LinkedHashSet<>()).add(type);
                }
            }
        }
    }

    /**
     * Records an error for each key in {@code keys} that configures nothing in the deployment.
     *
     * @param keys the keys under the two prefixes, as written (another profile's key with its {@code %profile.})
     * @param methods every guarded method of the deployment
     * @param guards the {@code @Identifier}s of its {@code Guard} and {@code TypedGuard} beans
     */
    static void check(
            List<String> keys,
            Collection<GuardedMethod> methods,
            Set<String> guards,
            DefinitionErrors errors) {
        if (keys.isEmpty()) {
            return;
        }
        UnknownConfigKeys check = new UnknownConfigKeys(methods, guards);
        for (String key : keys) {
            check.checkKey(key, errors);
        }
    }

    private static List<String> ids(Class<?> beanClass, Class<?> declaringClass, String suffix) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(beanClass.getName() + suffix);
        ids.add(declaringClass.getName() + suffix);
        return List.copyOf(ids);
    }

    private void checkKey(String written, DefinitionErrors errors) {
        String profile =
                written.startsWith("%") ? written.substring(0, written.indexOf('.') + 1) : "";
        String key = written.substring(profile.length());
        String prefix =
                ConfigNames.PREFIXES.stream().filter(key::startsWith).findFirst().orElseThrow();
        String rest = key.substring(prefix.length());
        if (SWITCHES.contains(rest)) {
            return;
        }
        String id;
        String tail;
        if (rest.startsWith("\"")
                && rest.indexOf('"', 1) > 0
                && rest.startsWith(".", rest.indexOf('"', 1) + 1)) {
            id = rest.substring(1, rest.indexOf('"', 1));
            tail = rest.substring(id.length() + 3);
        } else if (rest.startsWith(ConfigNames.GLOBAL + ".")) {
            id = null;
            tail = rest.substring(ConfigNames.GLOBAL.length() + 1);
        } else {
            errors.add(
                    "config key "
                            + written
                            + " names no fault tolerance setting; did you mean "
                            + profile
                            + prefix
                            + nearestForm(rest)
                            + "? "
                            + FORMS);
            return;
        }
        Key parsed = new Key(written, profile + prefix, id, tail);
        boolean guard = id != null && guards.contains(id);
        if (id != null && !guard && !switched.containsKey(id)) {
            List<String> candidates =
                    new ArrayList<>(
                            switched.keySet().stream()
                                    .filter(known -> known.contains("/") == id.contains("/"))
                                    .toList());
            candidates.addAll(guards);
            errors.add(
                    "config key "
                            + written
                            + " names no "
                            + (id.contains("/")
                                    ? "guarded method"
                                    : "bean class or guard identifier")
                            + " \""
                            + id
                            + "\"; did you mean "
                            + parsed.withId(nearest(id, candidates))
                            + "? allowed: \"<class>/<method>\" of a method with fault"
                            + " tolerance annotations, \"<class>\" of its bean class or of the class that declares the method"
                            + " or the annotation, the @Identifier of a Guard or TypedGuard bean, or global");
            return;
        }
        int dot = tail.indexOf('.');
        String annotationName = dot < 0 ? tail : tail.substring(0, dot);
        String member = dot < 0 ? "" : tail.substring(dot + 1);
        Class<? extends Annotation> annotation = annotations.get(annotationName);
        if (annotation == null) {
            errors.add(
                    "config key "
                            + written
                            + " names no fault tolerance annotation \""
                            + annotationName
                            + "\"; did you mean "
                            + parsed.withAnnotation(nearest(annotationName, annotations.keySet()))
                            + "? allowed: "
                            + String.join(", ", annotations.keySet()));
            return;
        }
        if (guard && !GuardIdentifierConfig.STRATEGIES.contains(annotation)) {
            List<String> strategies =
                    GuardIdentifierConfig.STRATEGIES.stream()
                            .map(ConfigNames::kebabAnnotation)
                            .toList();
            errors.add(
                    "config key "
                            + written
                            + " configures @"
                            + annotation.getSimpleName()
                            + " of the guard with"
                            + " @Identifier(\""
                            + id
                            + "\"), which a guard's config cannot set; did you mean "
                            + parsed.withAnnotation(nearest(annotationName, strategies))
                            + "? allowed: "
                            + String.join(", ", strategies));
            return;
        }
        Set<String> members = ConfigNames.members(annotation);
        if (!members.contains(member)) {
            errors.add(
                    "config key "
                            + written
                            + " names no member \""
                            + member
                            + "\" of @"
                            + annotation.getSimpleName()
                            + "; did you mean "
                            + parsed.withMember(nearest(member, members))
                            + "? allowed: "
                            + String.join(", ", members));
            return;
        }
        if (id != null && !guard) {
            checkScope(parsed, annotation, member, errors);
        }
    }

    /** A member key applies only at the annotation's own place; an {@code enabled} key wherever the annotation is. */
    private void checkScope(
            Key key,
            Class<? extends Annotation> annotation,
            String member,
            DefinitionErrors errors) {
        boolean enabled = member.equals(ConfigNames.ENABLED);
        Set<Class<? extends Annotation>> present =
                (enabled ? switched : configured).getOrDefault(key.id, Set.of());
        if (present.contains(annotation)) {
            return;
        }
        String place =
                key.id.contains("/")
                        ? "method " + key.id.replace('/', '.') + "()"
                        : "class " + key.id;
        String belongs = enabled ? null : elsewhere.getOrDefault(key.id, Map.of()).get(annotation);
        String suggestion;
        if (belongs != null) {
            suggestion = key.withId(belongs);
        } else if (!present.isEmpty()) {
            suggestion =
                    key.withAnnotation(
                            nearest(
                                    ConfigNames.kebabAnnotation(annotation),
                                    present.stream().map(ConfigNames::kebabAnnotation).toList()));
        } else {
            suggestion = null;
        }
        errors.add(
                "config key "
                        + key.written
                        + " "
                        + (enabled ? "switches" : "configures")
                        + " @"
                        + annotation.getSimpleName()
                        + " on "
                        + place
                        + ", which has no "
                        + (enabled ? "" : (key.id.contains("/") ? "method-level " : "class-level "))
                        + "@"
                        + annotation.getSimpleName()
                        + (suggestion == null ? "" : "; did you mean " + suggestion + "?")
                        + " allowed: a \"<class>/<method>\" key for an annotation on the method, a \"<class>\" key for an"
                        + " annotation on the class (an enabled key also switches the annotation at the other place)");
    }

    private String nearestForm(String rest) {
        List<String> ids = new ArrayList<>(switched.keySet());
        ids.addAll(guards);
        for (String id : ids) {
            if (rest.startsWith(id + ".")) {
                return "\"" + id + "\"" + rest.substring(id.length());
            }
        }
        List<String> candidates = new ArrayList<>(SWITCHES);
        if (rest.indexOf('.') > 0) {
            candidates.add(ConfigNames.GLOBAL + rest.substring(rest.indexOf('.')));
        }
        return nearest(rest, candidates);
    }

    /** @return the candidate with the fewest single-character edits from {@code written}; the first of equals */
    static String nearest(String written, Collection<String> candidates) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(candidates)) {
            int distance = distance(written, candidate);
            if (distance < best) {
                best = distance;
                nearest = candidate;
            }
        }
        return nearest;
    }

    /** Levenshtein's distance, with two rows. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A key taken apart: {@code <start><"id" or global>.<annotation>.<member>}. */
    private record Key(String written, String start, String id, String tail) {

        String withId(String newId) {
            return start + (newId == null ? ConfigNames.GLOBAL : "\"" + newId + "\"") + "." + tail;
        }

        String withAnnotation(String annotation) {
            int dot = tail.indexOf('.');
            return withTail(annotation + (dot < 0 ? "" : tail.substring(dot)));
        }

        String withMember(String member) {
            int dot = tail.indexOf('.');
            return withTail((dot < 0 ? tail : tail.substring(0, dot)) + "." + member);
        }

        private String withTail(String newTail) {
            return start + (id == null ? ConfigNames.GLOBAL : "\"" + id + "\"") + "." + newTail;
        }
    }
}
