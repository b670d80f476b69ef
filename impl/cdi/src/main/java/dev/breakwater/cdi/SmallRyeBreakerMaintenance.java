package dev.breakwater.cdi;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * SmallRye's {@link CircuitBreakerMaintenance} on Breakwater's {@link CircuitBreakers}: the same breakers, under the
 * same names, and the same changes of state. Offered as a bean of that type when SmallRye's API is present. Public so
 * that the Quarkus extension can produce it from the registry of its pipelines.
 *
 * <p>SmallRye knows three states. A breaker {@linkplain CircuitBreakers#holdOpen(String) held open} refuses every call,
 * so it shows as {@link CircuitBreakerState#OPEN}; one {@linkplain CircuitBreakers#holdClosed(String) held closed} or
 * {@linkplain CircuitBreakers#disable(String) disabled} lets every call through, so it shows as
 * {@link CircuitBreakerState#CLOSED}. A change between states SmallRye sees as one is no change here, and its
 * callbacks are not told of it. An unknown name throws {@link IllegalArgumentException}, as SmallRye does.
 */
public final class SmallRyeBreakerMaintenance implements CircuitBreakerMaintenance {

    private final CircuitBreakers breakers;

    /** @param breakers the deployment's circuit breakers */
    public SmallRyeBreakerMaintenance(CircuitBreakers breakers) {
        this.breakers = breakers;
    }

    /** Adds the bean of type {@code CircuitBreakerMaintenance} to a deployment, scoped as {@code CircuitBreakers}. */
    static void addBean(AfterBeanDiscovery event, CircuitBreakers breakers) {
        event.addBean()
                .types(CircuitBreakerMaintenance.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> new SmallRyeBreakerMaintenance(breakers));
    }

    @Override
    public CircuitBreakerState currentState(String name) {
        return smallRyeState(breakers.state(name));
    }

    /** Tells {@code callback} the new state of every change from now on; it stays registered for the deployment. */
    @Override
    public void onStateChange(String name, Consumer<CircuitBreakerState> callback) {
        Objects.requireNonNull(callback, "callback");
        breakers.subscribe(
                name,
                change -> {
                    CircuitBreakerState to = smallRyeState(change.to());
                    if (to != smallRyeState(change.from())) {
                        callback.accept(to);
                    }
                });
    }

    @Override
    public void reset(String name) {
        breakers.reset(name);
    }

    @Override
    public void resetAll() {
        breakers.resetAll();
    }

    private static CircuitBreakerState smallRyeState(BreakerState state) {
        return switch (state) {
            case CLOSED, HELD_CLOSED, DISABLED -> CircuitBreakerState.CLOSED;
            case OPEN, HELD_OPEN -> CircuitBreakerState.OPEN;
            case HALF_OPEN -> CircuitBreakerState.HALF_OPEN;
        };
    }
}
