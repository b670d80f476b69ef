package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.TypedGuard;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A {@link TypedGuard} on Breakwater's engine. One instance holds one circuit breaker, bulkhead and rate limit,
 * shared by every call it guards.
 *
 * @param <T> the type of the guarded actions' results
 */
final class BreakwaterTypedGuard<T> implements TypedGuard<T> {

    private final GuardPipelines pipelines;
    private final Class<?> type;

    BreakwaterTypedGuard(GuardPipelines pipelines, Class<?> type) {
        this.pipelines = pipelines;
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T call(Callable<T> action) throws Exception {
        return (T) pipelines.call(action, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(Supplier<T> action) {
        try {
            return (T) pipelines.call(action, type);
        } catch (Exception e) {
            throw Sneaky.<RuntimeException>rethrow(e);
        }
    }
}
