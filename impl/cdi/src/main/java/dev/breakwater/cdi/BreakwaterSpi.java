package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.FaultTolerance;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.Spi;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * SmallRye Fault Tolerance's programmatic API ({@code Guard.create()}, {@code TypedGuard.create(...)}) on
 * Breakwater's engine, found by {@code SpiAccess} through {@code META-INF/services}. A guard built while a
 * container runs uses that container's threads, circuit breaker registry and settings ({@link GuardResources});
 * one built where none runs uses the standalone ones.
 *
 * <p>The deprecated {@code FaultTolerance} builders are not offered: {@code Guard} and {@code TypedGuard}
 * replace them.
 */
public final class BreakwaterSpi implements Spi {

    /** High, so that Breakwater serves the API even if another implementation is on the class path too. */
    static final int PRIORITY = 2000;

    @Override
    public boolean applies() {
        return true;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Guard.Builder newGuardBuilder() {
        return new GuardBuilder();
    }

    @Override
    public <T> TypedGuard.Builder<T> newTypedGuardBuilder(Type valueType) {
        GuardPipelines.rawType(valueType); // fails at once for a type variable or a wildcard
        return new TypedGuardBuilder<>(valueType);
    }

    @Override
    @Deprecated
    public <T, R> FaultTolerance.Builder<T, R> newBuilder(Function<FaultTolerance<T>, R> finisher) {
        throw deprecatedApi("FaultTolerance.create...()");
    }

    @Override
    @Deprecated
    public <T, R> FaultTolerance.Builder<T, R> newAsyncBuilder(
            Class<?> asyncType, Function<FaultTolerance<T>, R> finisher) {
        throw deprecatedApi("FaultTolerance.createAsync...()");
    }

    /**
     * @return the container's {@code CircuitBreakerMaintenance} bean
     * @throws IllegalStateException if no container runs
     */
    @Override
    public CircuitBreakerMaintenance circuitBreakerMaintenance() {
        CDI<Object> container;
        try {
            container = CDI.current();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "CircuitBreakerMaintenance is offered by the CDI container (Weld with"
                            + " breakwater-impl, or Quarkus with breakwater-quarkus), and none is running",
                    e);
        }
        return container.select(CircuitBreakerMaintenance.class).get();
    }

    private static UnsupportedOperationException deprecatedApi(String call) {
        return new UnsupportedOperationException(
                call
                        + " (SmallRye's deprecated FaultTolerance API) is not"
                        + " supported by Breakwater; use Guard.create() or TypedGuard.create(...) instead");
    }
}
