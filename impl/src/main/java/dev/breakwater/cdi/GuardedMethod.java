package dev.breakwater.cdi;

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
 */
public record GuardedMethod(Class<?> beanClass, Method method,
                     Map<Class<? extends Annotation>, FoundAnnotation<?>> annotations) {

    @SuppressWarnings("unchecked")
    <A extends Annotation> Optional<FoundAnnotation<A>> find(Class<A> type) {
        return Optional.ofNullable((FoundAnnotation<A>) annotations.get(type));
    }

    /** @return {@code com.acme.Client.charge}: how the spec's metrics name the method */
    String metricName() {
        String className = beanClass.getCanonicalName() != null ? beanClass.getCanonicalName() : beanClass.getName();
        return className + "." + method.getName();
    }

    /** @return {@code com.acme.Client.charge(String, long)}: how messages name the method */
    String describe() {
        StringBuilder text = new StringBuilder(beanClass.getName()).append('.').append(method.getName()).append('(');
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
}
