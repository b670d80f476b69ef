package dev.breakwater.quarkus;

import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Readiness: the state of every circuit breaker, by guarded method. Not ready while a breaker is open, because the
 * calls it guards fail fast until it lets a trial call through. Registered only with {@code quarkus-smallrye-health}.
 */
@Readiness
@ApplicationScoped
public class CircuitBreakerHealthCheck implements HealthCheck {

    /** The name of the check in {@code /q/health/ready}. */
    public static final String NAME = "circuit breakers";

    private final GuardedPipelines pipelines;

    /** @param pipelines holds the circuit breakers */
    @Inject
    public CircuitBreakerHealthCheck(GuardedPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (Map.Entry<String, CircuitBreaker> breaker : pipelines.circuitBreakers().entrySet()) {
            CircuitBreakerState state = breaker.getValue().state();
            response.withData(breaker.getKey(), state.name());
            if (state == CircuitBreakerState.OPEN) {
                response.down();
            }
        }
        return response.build();
    }
}
