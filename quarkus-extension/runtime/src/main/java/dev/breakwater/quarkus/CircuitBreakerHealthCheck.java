package dev.breakwater.quarkus;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the state of every circuit breaker, by breaker name, and the methods each guards. Not ready while a
 * breaker is open, because the calls it guards fail fast until it lets a trial call through. Registered only with
 * {@code quarkus-smallrye-health}.
 */
@Readiness
@ApplicationScoped
public class CircuitBreakerHealthCheck implements HealthCheck {

    /** The name of the check in {@code /q/health/ready}. */
    public static final String NAME = "circuit breakers";

    /** Appended to a breaker's name for the data entry that lists the methods it guards. */
    public static final String METHODS_SUFFIX = " methods";

    private final CircuitBreakers breakers;

    /** @param breakers the application's circuit breakers */
    @Inject
    public CircuitBreakerHealthCheck(CircuitBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (CircuitBreakerSnapshot breaker : breakers.list()) {
            response.withData(breaker.name(), breaker.state().name());
            response.withData(breaker.name() + METHODS_SUFFIX, String.join(", ", breaker.methods()));
            if (breaker.state() == BreakerState.OPEN) {
                response.down();
            }
        }
        return response.build();
    }
}
