package dev.breakwater.quarkus;

import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.RateLimiters;
import dev.breakwater.cdi.SmallRyeBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Offers the {@link CircuitBreakers} and {@link RateLimiters} beans on Quarkus, as the CDI extension does on Weld: the
 * registries the pipelines register their breakers and rate limiters into; and SmallRye's
 * {@link CircuitBreakerMaintenance} on the same breakers.
 */
@ApplicationScoped
public class BreakerControl {

    /**
     * Application scoped, so the client proxy resolves the registry on first use: by then the pipelines are
     * assembled (asking for it assembles them if the application has not started yet).
     *
     * @param pipelines the application's pipelines
     * @return their circuit breakers, by name
     */
    @Produces
    @ApplicationScoped
    CircuitBreakers circuitBreakers(GuardedPipelines pipelines) {
        return pipelines.breakers();
    }

    /**
     * @param pipelines the application's pipelines
     * @return SmallRye's maintenance of their circuit breakers, application scoped for the same reason
     */
    @Produces
    @ApplicationScoped
    CircuitBreakerMaintenance circuitBreakerMaintenance(GuardedPipelines pipelines) {
        return new SmallRyeBreakerMaintenance(pipelines.breakers());
    }

    /**
     * Application scoped for the same reason as {@link #circuitBreakers}.
     *
     * @param pipelines the application's pipelines
     * @return their rate limiters, by method
     */
    @Produces
    @ApplicationScoped
    RateLimiters rateLimiters(GuardedPipelines pipelines) {
        return pipelines.rateLimiters();
    }
}
