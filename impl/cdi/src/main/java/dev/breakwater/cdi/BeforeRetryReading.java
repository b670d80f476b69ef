package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SmallRye's {@code @BeforeRetry}, which names a handler class or a method of the bean to call before each
 * retry of a {@code @Retry}; used only when its API is present.
 */
final class BeforeRetryReading {

    private BeforeRetryReading() {}

    /** @return the annotation type, for looking it up on a guarded method */
    static Class<? extends Annotation> annotationType() {
        return BeforeRetry.class;
    }

    /**
     * @param found the enabled {@code @BeforeRetry} in effect on the method
     * @param guarded the method
     * @param hasRetry whether an enabled {@code @Retry} is in effect
     * @return what to call before each retry; {@code null} when the annotation names nothing (SmallRye's default
     *         handler, which does nothing) or after recording an error
     */
    static BeforeRetryTarget read(
            FoundAnnotation<?> found,
            GuardedMethod guarded,
            AnnotationParameters parameters,
            boolean hasRetry) {
        if (!hasRetry) {
            parameters.reject(
                    "the method has no @Retry; allowed: @BeforeRetry only where @Retry applies");
            return null;
        }
        BeforeRetry annotation = (BeforeRetry) found.annotation();
        Class<?> handler = parameters.classValue("value", annotation.value());
        String methodName = parameters.stringValue("methodName", annotation.methodName());
        boolean hasHandler = handler != BeforeRetry.DEFAULT.class;
        boolean hasMethod = !methodName.isEmpty();
        if (hasHandler && hasMethod) {
            parameters.reject(
                    parameters.describe("value")
                            + " and "
                            + parameters.describe("methodName")
                            + " are both set; allowed: one of them");
            return null;
        }
        if (hasHandler) {
            if (!BeforeRetryHandler.class.isAssignableFrom(handler)
                    || handler.isInterface()
                    || Modifier.isAbstract(handler.getModifiers())) {
                parameters.reject(
                        parameters.describe("value")
                                + " is not a class implementing "
                                + BeforeRetryHandler.class.getName()
                                + "; allowed: a concrete BeforeRetryHandler class");
                return null;
            }
            return new BeforeRetryTarget.Handler(handler);
        }
        return hasMethod ? method(guarded, parameters, methodName) : null;
    }

    private static BeforeRetryTarget method(
            GuardedMethod guarded, AnnotationParameters parameters, String name) {
        Class<?> origin = guarded.method().getDeclaringClass();
        List<String> unusable = new ArrayList<>();
        for (Class<?> candidateClass : FallbackMethodResolver.searchOrder(origin)) {
            for (Method candidate : candidateClass.getDeclaredMethods()) {
                if (!candidate.getName().equals(name) || candidate.isBridge()) {
                    continue;
                }
                if (FallbackMethodResolver.visible(candidate, origin)
                        && candidate.getParameterCount() == 0
                        && candidate.getReturnType() == void.class) {
                    return new BeforeRetryTarget.BeanMethod(candidate);
                }
                unusable.add(candidate.toGenericString());
            }
        }
        parameters.reject(
                parameters.describe("methodName")
                        + " names no method that can run before a retry"
                        + (unusable.isEmpty()
                                ? ""
                                : " (found but not usable: " + String.join(", ", unusable) + ")")
                        + "; allowed: a method of "
                        + origin.getName()
                        + " or its supertypes (private only in that class,"
                        + " package-private only in its package) without parameters that returns void");
        return null;
    }
}
