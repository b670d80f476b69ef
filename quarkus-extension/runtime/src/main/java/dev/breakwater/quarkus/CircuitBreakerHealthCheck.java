package dev.breakwater.quarkus;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the state of every circuit breaker, by breaker name, and the methods each guards. Registered only with
 * {@code quarkus-smallrye-health}.
 *
 * <p>Each breaker's state is reported as {@link BreakerState} names it, so a breaker held open by an operator shows
 * as {@code HELD_OPEN}, not as one opened by failures. The check stays up while a breaker refuses calls (open or
 * held open) unless {@value #DOWN_WHEN_OPEN} is {@code true}. An open breaker means a dependency fails; every
 * replica sees the same dependency, so taking them all out of rotation would turn fast failures and fallbacks into
 * no service at all. Applications whose only job is the guarded call can opt in; for them a breaker held open
 * refuses that call just the same, so it makes the check down too.
 */
@Readiness
@ApplicationScoped
public class CircuitBreakerHealthCheck implements HealthCheck {

    /** The name of the check in {@code /q/health/ready}. */
    public static final String NAME = "circuit breakers";

    /** Appended to a breaker's name for the data entry that lists the methods it guards. */
    public static final String METHODS_SUFFIX = " methods";

    /** The MicroProfile Config key that makes an open or held-open breaker mean "not ready" (default {@code false}). */
    public static final String DOWN_WHEN_OPEN = "breakwater.health.down-when-open";

    private final CircuitBreakers breakers;
    private final boolean downWhenOpen;

    /**
     * @param breakers the application's circuit breakers
     * @param downWhenOpen whether the check is down while a breaker is open or held open
     */
    @Inject
    public CircuitBreakerHealthCheck(CircuitBreakers breakers,
                                     @ConfigProperty(name = DOWN_WHEN_OPEN, defaultValue = "false")
                                     boolean downWhenOpen) {
        this.breakers = breakers;
        this.downWhenOpen = downWhenOpen;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (CircuitBreakerSnapshot breaker : breakers.list()) {
            response.withData(breaker.name(), breaker.state().name());
            response.withData(breaker.name() + METHODS_SUFFIX, String.join(", ", breaker.methods()));
            if (downWhenOpen && refusesCalls(breaker.state())) {
                response.down();
            }
        }
        return response.build();
    }

    private static boolean refusesCalls(BreakerState state) {
        return state == BreakerState.OPEN || state == BreakerState.HELD_OPEN;
    }
}
