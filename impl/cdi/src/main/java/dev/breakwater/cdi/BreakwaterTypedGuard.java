package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.TypedGuard;
import java.lang.reflect.Type;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A {@link TypedGuard} on Breakwater's engine. One instance holds one circuit breaker, bulkhead and rate limit,
 * shared by every call it guards.
 *
 * @param <T> the type of the guarded actions' results
 */
final class BreakwaterTypedGuard<T> extends IdentifiableGuard implements TypedGuard<T> {

    private final Class<?> type;

    BreakwaterTypedGuard(GuardSpec spec, Type valueType) {
        super(spec, valueType);
        this.type = GuardPipelines.rawType(valueType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T call(Callable<T> action) throws Exception {
        return (T) pipelines().call(action, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(Supplier<T> action) {
        try {
            return (T) pipelines().call(action, type);
        } catch (Exception e) {
            throw Sneaky.<RuntimeException>rethrow(e);
        }
    }
}
