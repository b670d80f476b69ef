package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.util.TypeLiteral;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A {@link Guard} on Breakwater's engine. One instance holds one circuit breaker, bulkhead and rate limit, shared by
 * every call it guards.
 */
final class BreakwaterGuard extends IdentifiableGuard implements Guard {

    BreakwaterGuard(GuardSpec spec) {
        super(spec, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T call(Callable<T> action, Class<T> type) throws Exception {
        return (T) pipelines().call(action, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T call(Callable<T> action, TypeLiteral<T> type) throws Exception {
        return (T) pipelines().call(action, type.getRawType());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Supplier<T> action, Class<T> type) {
        try {
            return (T) pipelines().call(action, type);
        } catch (Exception e) {
            throw Sneaky.<RuntimeException>rethrow(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Supplier<T> action, TypeLiteral<T> type) {
        try {
            return (T) pipelines().call(action, type.getRawType());
        } catch (Exception e) {
            throw Sneaky.<RuntimeException>rethrow(e);
        }
    }
}
