package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.AlwaysOnException;
import io.smallrye.faulttolerance.api.NeverOnResult;
import io.smallrye.faulttolerance.api.RetryWhen;
import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads SmallRye's {@code @RetryWhen}, which makes a {@code @Retry} retry on results and decide on failures by
 * predicates; used only when its API is present.
 */
final class RetryWhenReading {

    private RetryWhenReading() {}

    /** The predicates and the parameters they were read with, for rules that involve the {@code @Retry}. */
    record Read(RetryPredicates predicates, AnnotationParameters parameters) {}

    /** @return the annotation type, for looking it up on a guarded method */
    static Class<? extends Annotation> annotationType() {
        return RetryWhen.class;
    }

    /**
     * @param found the enabled {@code @RetryWhen} in effect on the method
     * @param hasRetry whether an enabled {@code @Retry} is in effect
     * @return the predicates; empty after recording an error
     */
    static Optional<Read> read(
            FoundAnnotation<?> found, AnnotationParameters parameters, boolean hasRetry) {
        if (!hasRetry) {
            parameters.reject(
                    "the method has no @Retry; allowed: @RetryWhen only where @Retry applies");
            return Optional.empty();
        }
        RetryWhen annotation = (RetryWhen) found.annotation();
        Class<?> result = parameters.classValue("result", annotation.result());
        Class<?> exception = parameters.classValue("exception", annotation.exception());
        // both checked, so that both errors are reported
        boolean resultValid = predicateClass(parameters, "result", result);
        boolean exceptionValid = predicateClass(parameters, "exception", exception);
        if (!resultValid || !exceptionValid) {
            return Optional.empty();
        }
        return Optional.of(
                new Read(
                        new RetryPredicates(
                                result == NeverOnResult.class ? null : result,
                                exception == AlwaysOnException.class ? null : exception),
                        parameters));
    }

    private static boolean predicateClass(
            AnnotationParameters parameters, String member, Class<?> type) {
        String allowed =
                "; allowed: a concrete java.util.function.Predicate class with a public constructor without"
                        + " parameters";
        if (!Predicate.class.isAssignableFrom(type)
                || type.isInterface()
                || Modifier.isAbstract(type.getModifiers())) {
            parameters.reject(
                    parameters.describe(member)
                            + " is not a class implementing "
                            + Predicate.class.getName()
                            + allowed);
            return false;
        }
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            parameters.reject(
                    parameters.describe(member)
                            + " has no public constructor without parameters"
                            + allowed);
            return false;
        }
    }
}
