package dev.breakwater.cdi;

import dev.breakwater.core.RetryPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Predicate;

/**
 * The predicate classes of a method's {@code @RetryWhen} (SmallRye's API), once validated: each is a concrete
 * {@link Predicate} with a public constructor without parameters, instantiated once per method when its pipeline is
 * assembled (not when it is validated, so that Quarkus's build runs no application code).
 *
 * @param result the class deciding which results are retried, or {@code null} for none
 * @param exception the class deciding which failures are retried in place of {@code retryOn} and {@code abortOn},
 *                  or {@code null} to keep those
 */
record RetryPredicates(Class<?> result, Class<?> exception) {

    /** @return {@code retry} with these predicates in place */
    @SuppressWarnings("unchecked")
    RetryPolicy applyTo(RetryPolicy retry) {
        Predicate<Throwable> retryOn =
                exception == null ? retry.retryOn() : (Predicate<Throwable>) instantiate(exception);
        Predicate<Object> retryOnResult =
                result == null ? retry.retryOnResult() : (Predicate<Object>) instantiate(result);
        return new RetryPolicy(
                retry.maxRetries(),
                retry.delayNanos(),
                retry.maxDurationNanos(),
                retry.jitterNanos(),
                retryOn,
                retry.backoff(),
                retryOnResult);
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "@RetryWhen: the constructor of " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@RetryWhen: cannot create " + type.getName(), e);
        }
    }
}
