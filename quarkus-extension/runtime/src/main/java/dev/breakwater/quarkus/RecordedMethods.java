package dev.breakwater.quarkus;

import dev.breakwater.cdi.FallbackMethodLookup;
import dev.breakwater.cdi.FoundAnnotation;
import dev.breakwater.cdi.GuardedMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guarded methods found at build time, rebuilt at run time by direct lookups (class by name, method by name
 * and parameter types): no annotation scanning, no search for fallback methods.
 */
final class RecordedMethods {

    private final List<GuardedMethod> guardedMethods = new ArrayList<>();
    private final Map<Method, Method> fallbackMethods = new HashMap<>();
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();

    List<GuardedMethod> guardedMethods() {
        return guardedMethods;
    }

    /**
     * @return the fallback methods resolved at build time; a name changed through config since then is searched
     */
    FallbackMethodLookup fallbackMethods() {
        return (beanClass, guarded, name) -> {
            Method recorded = fallbackMethods.get(guarded);
            return recorded != null && recorded.getName().equals(name)
                    ? Optional.of(recorded)
                    : FallbackMethodLookup.SEARCH.find(beanClass, guarded, name);
        };
    }

    /** @param recorded the guarded methods the build found */
    RecordedMethods(List<RecordedMethod> recorded) {
        recorded.forEach(this::add);
    }

    private void add(RecordedMethod recorded) {
        Class<?> beanClass = load(recorded.beanClass());
        Method method = method(recorded.method());
        Map<Class<? extends Annotation>, FoundAnnotation<?>> annotations = new LinkedHashMap<>();
        for (RecordedAnnotation found : recorded.annotations()) {
            Annotation annotation = found.annotation();
            annotations.put(
                    annotation.annotationType(),
                    new FoundAnnotation<>(
                            annotation, found.classLevel(), load(found.declaredOn())));
        }
        guardedMethods.add(
                new GuardedMethod(
                        beanClass,
                        method,
                        Map.copyOf(annotations),
                        recorded.breakerName(),
                        recorded.circuitBreakerName()));
        if (recorded.fallbackMethod() != null) {
            fallbackMethods.put(method, method(recorded.fallbackMethod()));
        }
    }

    private Method method(MethodReference reference) {
        try {
            return reference.load(loader);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException(
                    "Method recorded at build time is gone: "
                            + reference.declaringClass()
                            + "."
                            + reference.name(),
                    e);
        }
    }

    private Class<?> load(String name) {
        try {
            return TypeNames.load(name, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Class recorded at build time is gone: " + name, e);
        }
    }
}
