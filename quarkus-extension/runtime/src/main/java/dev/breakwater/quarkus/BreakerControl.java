package dev.breakwater.quarkus;

import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.cdi.GuardResources;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Offers the {@link CircuitBreakers} bean on Quarkus, as the CDI extension does on Weld: the registry the pipelines
 * register their breakers into; and the {@link GuardResources} bean that SmallRye's {@code Guard}s are built on.
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
     * A singleton, not proxied: {@code Guard.create()...build()} reads it once, through {@code CDI.current()}.
     *
     * @param pipelines the application's pipelines
     * @return what the application's {@code Guard}s share with them: threads, breakers, settings, {@code Uni}
     */
    @Produces
    @Singleton
    @Unremovable   // looked up only programmatically
    GuardResources guardResources(GuardedPipelines pipelines) {
        return pipelines.guardResources();
    }
}
