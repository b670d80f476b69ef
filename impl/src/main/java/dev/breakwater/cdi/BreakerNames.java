package dev.breakwater.cdi;

import dev.breakwater.api.BreakerName;
import dev.breakwater.core.CircuitBreakerPolicy;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Gives every circuit breaker of a deployment its name: the method's {@link BreakerName}, or
 * {@code <bean class>#<method>} (with the parameter types when the class has several guarded methods of that
 * name). Methods that end up with one name share one breaker, so their policies must agree; where they do not,
 * or where a name is misplaced or blank, a definition error is recorded.
 */
final class BreakerNames {

    private BreakerNames() {
    }

    /** Records an error for each method of the bean class that is named but has no {@code @CircuitBreaker}. */
    static void checkPlacement(Class<?> beanClass, List<GuardedMethod> guarded, DefinitionErrors errors) {
        for (Method method : beanClass.getDeclaredMethods()) {
            if (method.isAnnotationPresent(BreakerName.class) && guarded.stream().noneMatch(
                    found -> found.method().equals(method) && found.find(CircuitBreaker.class).isPresent())) {
                errors.add("@BreakerName on " + new GuardedMethod(beanClass, method, Map.of(), null).describe()
                        + ": value = '" + method.getAnnotation(BreakerName.class).value() + "' names a breaker the"
                        + " method does not have; allowed: @BreakerName only on a method with @CircuitBreaker"
                        + " (on the method or its class)");
            }
        }
    }

    /**
     * @param definitions every valid definition of the deployment
     * @param errors where blank names and conflicting policies are recorded
     * @return the breaker name of each method that has a circuit breaker
     */
    static Map<GuardedMethod, String> assign(List<MethodDefinition> definitions, DefinitionErrors errors) {
        Map<String, Integer> unnamedPerMethodName = new HashMap<>();
        for (MethodDefinition definition : definitions) {
            if (definition.circuitBreaker() != null && definition.guarded().breakerName() == null) {
                unnamedPerMethodName.merge(defaultName(definition.guarded()), 1, Integer::sum);
            }
        }
        Map<GuardedMethod, String> names = new HashMap<>();
        Map<String, List<MethodDefinition>> sharing = new LinkedHashMap<>();
        for (MethodDefinition definition : definitions) {
            if (definition.circuitBreaker() == null) {
                continue;
            }
            String name = definition.guarded().breakerName();
            if (name == null) {
                name = defaultName(definition.guarded());
                if (unnamedPerMethodName.get(name) > 1) {
                    name += parameterTypes(definition.guarded().method());
                }
            } else if (name.isBlank()) {
                errors.add("@BreakerName on " + definition.guarded().describe() + ": value = '" + name
                        + "' is invalid; allowed: a name that is not blank");
                continue;
            }
            names.put(definition.guarded(), name);
            sharing.computeIfAbsent(name, key -> new ArrayList<>()).add(definition);
        }
        sharing.forEach((name, sharers) -> checkSamePolicy(name, sharers, errors));
        return names;
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

    private static void checkSamePolicy(String name, List<MethodDefinition> sharers, DefinitionErrors errors) {
        // Sorted so that the message does not depend on the order in which the container discovered the beans.
        List<MethodDefinition> sorted = sharers.stream()
                .sorted(Comparator.comparing(definition -> definition.guarded().describe())).toList();
        MethodDefinition first = sorted.get(0);
        for (MethodDefinition other : sorted.subList(1, sorted.size())) {
            List<String> differences = differences(first.circuitBreaker(), other.circuitBreaker());
            if (!differences.isEmpty()) {
                errors.add("@CircuitBreaker on " + first.guarded().describe() + " and on "
                        + other.guarded().describe() + " share the breaker named '" + name + "' but differ: "
                        + String.join("; ", differences) + "; allowed: the same delay, requestVolumeThreshold,"
                        + " failureRatio, successThreshold, failOn and skipOn on every method of one breaker name"
                        + " (give the methods different @BreakerName values to keep their breakers apart)");
            }
        }
    }

    private static List<String> differences(CircuitBreakerPolicy first, CircuitBreakerPolicy other) {
        List<String> differences = new ArrayList<>();
        differ(differences, "delay", Duration.ofNanos(first.delayNanos()), Duration.ofNanos(other.delayNanos()));
        differ(differences, "requestVolumeThreshold", first.requestVolumeThreshold(), other.requestVolumeThreshold());
        differ(differences, "failureRatio", first.failureRatio(), other.failureRatio());
        differ(differences, "successThreshold", first.successThreshold(), other.successThreshold());
        differ(differences, "failOn/skipOn", first.failOn(), other.failOn());
        return differences;
    }

    private static void differ(List<String> differences, String parameter, Object first, Object other) {
        if (!first.equals(other)) {
            differences.add(parameter + " = " + first + " and " + other);
        }
    }
}
