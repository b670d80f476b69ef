package dev.breakwater.quarkus;

import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.cdi.SmallRyeBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Offers the {@link CircuitBreakers} bean on Quarkus, as the CDI extension does on Weld: the registry the pipelines
 * register their breakers into; and SmallRye's {@link CircuitBreakerMaintenance} on the same registry.
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
}
