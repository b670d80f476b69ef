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
public final class RecordedMethods {

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
            return recorded != null && recorded.getName().equals(name) ? Optional.of(recorded)
                    : FallbackMethodLookup.SEARCH.find(beanClass, guarded, name);
        };
    }

    void add(RecordedMethod recorded) {
        Class<?> beanClass = load(recorded.beanClass());
        Method method = method(recorded.declaringClass(), recorded.methodName(), recorded.parameterTypes());
        Map<Class<? extends Annotation>, FoundAnnotation<?>> annotations = new LinkedHashMap<>();
        for (int i = 0; i < recorded.annotations().length; i++) {
            Annotation annotation = recorded.annotations()[i];
            annotations.put(annotation.annotationType(), new FoundAnnotation<>(annotation,
                    recorded.classLevel()[i], load(recorded.declaredOn()[i])));
        }
        guardedMethods.add(new GuardedMethod(beanClass, method, Map.copyOf(annotations), recorded.breakerName(),
                recorded.circuitBreakerName()));
        if (recorded.fallbackMethodName() != null) {
            fallbackMethods.put(method, method(recorded.fallbackDeclaringClass(), recorded.fallbackMethodName(),
                    recorded.fallbackParameterTypes()));
        }
    }

    private Method method(String declaringClass, String name, String[] parameterTypes) {
        Class<?>[] parameters = new Class<?>[parameterTypes.length];
        for (int i = 0; i < parameterTypes.length; i++) {
            parameters[i] = load(parameterTypes[i]);
        }
        try {
            return load(declaringClass).getDeclaredMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Method recorded at build time is gone: " + declaringClass + "." + name,
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
