package dev.breakwater.cdi;

import dev.breakwater.api.BreakerName;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * A business method of a bean that carries at least one fault-tolerance annotation, with the annotations in
 * effect for it. Public so that an integration that discovers guarded methods itself (Quarkus, from its build-time
 * index) can hand them to {@link GuardedMethodDefinitions}.
 *
 * @param beanClass the bean class; policies with state are per (bean class, method)
 * @param method the most specific declaration of the method visible from the bean class
 * @param annotations the annotations in effect, by type
 * @param breakerName the method's {@code @BreakerName} value, or {@code null} when it has none; read where the method
 *                    is found, so that Quarkus can record it and its start reads no annotation reflectively
 * @param circuitBreakerName the method's SmallRye {@code @CircuitBreakerName} value, or {@code null} when it has none
 *                           (or SmallRye's API is absent); read and recorded like {@code breakerName}
 */
public record GuardedMethod(
        Class<?> beanClass,
        Method method,
        Map<Class<? extends Annotation>, FoundAnnotation<?>> annotations,
        String breakerName,
        String circuitBreakerName) {

    /**
     * A guarded method as found by reflection, its {@code @BreakerName} and {@code @CircuitBreakerName} read from the
     * method.
     *
     * @param beanClass the bean class
     * @param method the most specific declaration of the method visible from the bean class
     * @param annotations the annotations in effect, by type
     * @return the guarded method
     */
    public static GuardedMethod found(
            Class<?> beanClass,
            Method method,
            Map<Class<? extends Annotation>, FoundAnnotation<?>> annotations) {
        BreakerName name = method.getAnnotation(BreakerName.class);
        return new GuardedMethod(
                beanClass,
                method,
                Map.copyOf(annotations),
                name == null ? null : name.value(),
                SmallRyeApi.PRESENT ? CircuitBreakerNameReading.value(method) : null);
    }

    @SuppressWarnings("unchecked")
    <A extends Annotation> Optional<FoundAnnotation<A>> find(Class<A> type) {
        return Optional.ofNullable((FoundAnnotation<A>) annotations.get(type));
    }

    /** @return {@code com.acme.Client.charge}: how the spec's metrics name the method */
    String metricName() {
        String className =
                beanClass.getCanonicalName() != null
                        ? beanClass.getCanonicalName()
                        : beanClass.getName();
        return className + "." + method.getName();
    }

    /**
     * @return {@code com.acme.Client.charge(String, long)}: how messages, the control API and the Dev UI name the
     *         method
     */
    public String describe() {
        return describe(beanClass, method);
    }

    /**
     * @param beanClass a bean class
     * @param method one of its methods
     * @return {@code com.acme.Client.charge(String, long)}, followed by {@code declared in} the declaring class when
     *         that is not the bean class
     */
    static String describe(Class<?> beanClass, Method method) {
        StringBuilder text =
                new StringBuilder(beanClass.getName())
                        .append('.')
                        .append(method.getName())
                        .append('(');
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        text.append(')');
        if (method.getDeclaringClass() != beanClass) {
            text.append(" declared in ").append(method.getDeclaringClass().getName());
        }
        return text.toString();
    }

    /**
     * Equal when bean class and method are: the annotations and the name follow from those two. Written out
     * because a record's generated {@code equals} and {@code hashCode} would, at startup, spin method handles and
     * hash every annotation, which on Quarkus are annotation literals whose {@code hashCode} invokes each member
     * reflectively.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof GuardedMethod that
                && beanClass == that.beanClass
                && method.equals(that.method);
    }

    @Override
    public int hashCode() {
        return 31 * beanClass.hashCode() + method.hashCode();
    }
}
