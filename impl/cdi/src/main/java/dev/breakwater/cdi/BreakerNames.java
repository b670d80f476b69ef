package dev.breakwater.cdi;

import dev.breakwater.api.BreakerName;
import dev.breakwater.core.CircuitBreakerPolicy;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Gives every circuit breaker of a deployment its name: the method's {@link BreakerName} or SmallRye's
 * {@code @CircuitBreakerName} (both, if they agree), or {@code <bean class>#<method>} (with the parameter types when
 * the class has several guarded methods of that name). Methods that end up with one name share one breaker, so
 * their policies must agree. A {@code @CircuitBreakerName} belongs to one method declaration, as in SmallRye: no
 * other method may share its name, though a subclass that inherits the method shares its breaker. Where a rule is
 * broken, or a name is misplaced or blank, a definition error is recorded.
 */
final class BreakerNames {

    private BreakerNames() {}

    /** Records an error for each method of the bean class that is named but has no {@code @CircuitBreaker}. */
    static void checkPlacement(
            Class<?> beanClass, List<GuardedMethod> guarded, DefinitionErrors errors) {
        for (Method method : beanClass.getDeclaredMethods()) {
            GuardedMethod named = GuardedMethod.found(beanClass, method, Map.of());
            if ((named.breakerName() != null || named.circuitBreakerName() != null)
                    && guarded.stream()
                            .noneMatch(
                                    found ->
                                            found.method().equals(method)
                                                    && found.find(CircuitBreaker.class)
                                                            .isPresent())) {
                misplaced(named, "@BreakerName", named.breakerName(), errors);
                misplaced(named, "@CircuitBreakerName", named.circuitBreakerName(), errors);
            }
        }
    }

    private static void misplaced(
            GuardedMethod method, String annotation, String name, DefinitionErrors errors) {
        if (name != null) {
            errors.add(
                    annotation
                            + " on "
                            + method.describe()
                            + ": value = '"
                            + name
                            + "' names a breaker the"
                            + " method does not have; allowed: "
                            + annotation
                            + " only on a method with @CircuitBreaker"
                            + " (on the method or its class)");
        }
    }

    /**
     * @param definitions every valid definition of the deployment
     * @param errors where blank, contradictory and duplicate names and conflicting policies are recorded
     * @return the breaker name of each method that has a circuit breaker
     */
    static Map<GuardedMethod, String> assign(
            List<MethodDefinition> definitions, DefinitionErrors errors) {
        Map<GuardedMethod, String> defaults =
                methodNames(
                        definitions,
                        definition ->
                                definition.circuitBreaker() != null
                                        && declaredName(definition.guarded()) == null);
        Map<GuardedMethod, String> names = new HashMap<>();
        Map<String, List<MethodDefinition>> sharing = new LinkedHashMap<>();
        for (MethodDefinition definition : definitions) {
            if (definition.circuitBreaker() == null || !validNames(definition.guarded(), errors)) {
                continue;
            }
            String name = declaredName(definition.guarded());
            if (name == null) {
                name = defaults.get(definition.guarded());
            }
            names.put(definition.guarded(), name);
            sharing.computeIfAbsent(name, key -> new ArrayList<>()).add(definition);
        }
        sharing.forEach(
                (name, sharers) -> {
                    if (checkOneDeclaration(name, sharers, errors)) {
                        checkSamePolicy(name, sharers, errors);
                    }
                });
        return names;
    }

    /**
     * Names methods as config and the control API name an unnamed breaker's: {@code <bean class>#<method>}, with the
     * parameter types when the class has several picked methods of that name. The names of rate limits too.
     *
     * @param definitions every valid definition of the deployment
     * @param picked the methods to name
     * @return the name of each picked method
     */
    static Map<GuardedMethod, String> methodNames(
            List<MethodDefinition> definitions, Predicate<MethodDefinition> picked) {
        Map<String, Integer> perMethodName = new HashMap<>();
        for (MethodDefinition definition : definitions) {
            if (picked.test(definition)) {
                perMethodName.merge(defaultName(definition.guarded()), 1, Integer::sum);
            }
        }
        Map<GuardedMethod, String> names = new HashMap<>();
        for (MethodDefinition definition : definitions) {
            if (picked.test(definition)) {
                String name = defaultName(definition.guarded());
                names.put(
                        definition.guarded(),
                        perMethodName.get(name) > 1
                                ? name + parameterTypes(definition.guarded().method())
                                : name);
            }
        }
        return names;
    }

    /** @return the name the method declares, or {@code null} when it declares none */
    private static String declaredName(GuardedMethod guarded) {
        return guarded.breakerName() != null ? guarded.breakerName() : guarded.circuitBreakerName();
    }

    /** @return whether the declared names are usable: not blank, and the same where both annotations are present */
    private static boolean validNames(GuardedMethod guarded, DefinitionErrors errors) {
        boolean valid =
                notBlank(guarded, "@BreakerName", guarded.breakerName(), errors)
                        & notBlank(
                                guarded,
                                "@CircuitBreakerName",
                                guarded.circuitBreakerName(),
                                errors);
        if (valid
                && guarded.breakerName() != null
                && guarded.circuitBreakerName() != null
                && !guarded.breakerName().equals(guarded.circuitBreakerName())) {
            errors.add(
                    "@CircuitBreakerName on "
                            + guarded.describe()
                            + ": value = '"
                            + guarded.circuitBreakerName()
                            + "' differs from the method's @BreakerName value = '"
                            + guarded.breakerName()
                            + "'; allowed: one"
                            + " name per breaker: @BreakerName or @CircuitBreakerName, or both with the same value");
            return false;
        }
        return valid;
    }

    private static boolean notBlank(
            GuardedMethod guarded, String annotation, String name, DefinitionErrors errors) {
        if (name != null && name.isBlank()) {
            errors.add(
                    annotation
                            + " on "
                            + guarded.describe()
                            + ": value = '"
                            + name
                            + "' is invalid; allowed: a name that is not blank");
            return false;
        }
        return true;
    }

    /** @return whether the name's sharers keep the rule of {@link #oneDeclarationViolation} */
    private static boolean checkOneDeclaration(
            String name, List<MethodDefinition> sharers, DefinitionErrors errors) {
        Optional<String> violation =
                oneDeclarationViolation(
                        name, sharers.stream().map(MethodDefinition::guarded).toList());
        violation.ifPresent(errors::add);
        return violation.isEmpty();
    }

    /**
     * A name given by {@code @CircuitBreakerName} is that one method declaration's: every method of the name must be
     * it, seen from its own bean class or from one that inherits it.
     *
     * @param name a breaker name
     * @param sharers the methods that have it
     * @return the error when another declaration has a name that a {@code @CircuitBreakerName} gave
     */
    static Optional<String> oneDeclarationViolation(String name, List<GuardedMethod> sharers) {
        // Sorted so that the message does not depend on the order in which the container discovered
        // the beans.
        List<GuardedMethod> sorted =
                sharers.stream().sorted(Comparator.comparing(GuardedMethod::describe)).toList();
        Optional<GuardedMethod> declaring =
                sorted.stream().filter(guarded -> guarded.circuitBreakerName() != null).findFirst();
        List<String> others =
                declaring.stream()
                        .flatMap(
                                named ->
                                        sorted.stream()
                                                .filter(
                                                        guarded ->
                                                                !guarded.method()
                                                                        .equals(named.method())))
                        .map(GuardedMethod::describe)
                        .toList();
        return declaring
                .filter(named -> !others.isEmpty())
                .map(
                        named ->
                                "@CircuitBreakerName on "
                                        + named.describe()
                                        + ": value = '"
                                        + name
                                        + "' is also the breaker name of "
                                        + String.join(", ", others)
                                        + "; allowed: a @CircuitBreakerName on one method only (a subclass that"
                                        + " inherits the method shares its breaker; to share one breaker between methods, name each of"
                                        + " them with @BreakerName)");
    }

    private static String defaultName(GuardedMethod guarded) {
        return guarded.beanClass().getName() + "#" + guarded.method().getName();
    }

    private static String parameterTypes(Method method) {
        StringJoiner types = new StringJoiner(", ", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            types.add(type.getTypeName());
        }
        return types.toString();
    }

    private static void checkSamePolicy(
            String name, List<MethodDefinition> sharers, DefinitionErrors errors) {
        // Sorted so that the message does not depend on the order in which the container discovered
        // the beans.
        List<MethodDefinition> sorted =
                sharers.stream()
                        .sorted(Comparator.comparing(definition -> definition.guarded().describe()))
                        .toList();
        MethodDefinition first = sorted.get(0);
        for (MethodDefinition other : sorted.subList(1, sorted.size())) {
            List<String> differences = differences(first.circuitBreaker(), other.circuitBreaker());
            if (!differences.isEmpty()) {
                errors.add(
                        "@CircuitBreaker on "
                                + first.guarded().describe()
                                + " and on "
                                + other.guarded().describe()
                                + " share the breaker named '"
                                + name
                                + "' but differ: "
                                + String.join("; ", differences)
                                + "; allowed: the same delay, requestVolumeThreshold,"
                                + " failureRatio, successThreshold, failOn and skipOn on every method of one breaker name"
                                + " (give the methods different @BreakerName values to keep their breakers apart)");
            }
        }
    }

    private static List<String> differences(
            CircuitBreakerPolicy first, CircuitBreakerPolicy other) {
        List<String> differences = new ArrayList<>();
        differ(
                differences,
                "delay",
                Duration.ofNanos(first.delayNanos()),
                Duration.ofNanos(other.delayNanos()));
        differ(
                differences,
                "requestVolumeThreshold",
                first.requestVolumeThreshold(),
                other.requestVolumeThreshold());
        differ(differences, "failureRatio", first.failureRatio(), other.failureRatio());
        differ(differences, "successThreshold", first.successThreshold(), other.successThreshold());
        differ(differences, "failOn/skipOn", first.failOn(), other.failOn());
        differ(differences, "@BreakerPolicy", first.options(), other.options());
        return differences;
    }

    private static void differ(
            List<String> differences, String parameter, Object first, Object other) {
        if (!first.equals(other)) {
            differences.add(parameter + " = " + first + " and " + other);
        }
    }
}
