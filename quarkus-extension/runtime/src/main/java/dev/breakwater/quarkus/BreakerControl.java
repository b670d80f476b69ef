package dev.breakwater.quarkus;

import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.RateLimiters;
import dev.breakwater.cdi.GuardResources;
import dev.breakwater.cdi.SmallRyeBreakerMaintenance;
import dev.breakwater.core.CircuitBreakerRegistry;
import io.quarkus.arc.Unremovable;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * Offers the {@link CircuitBreakers} and {@link RateLimiters} beans on Quarkus, as the CDI extension does on Weld: the
 * registries the pipelines register their breakers and rate limiters into (the breakers' also as a
 * {@link CircuitBreakerRegistry}, for breakers built with the typed API to join); SmallRye's
 * {@link CircuitBreakerMaintenance} on the same breakers; and the {@link GuardResources} bean that SmallRye's
 * {@code Guard}s are built on.
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
     * A singleton, not proxied (the class is final): the registry the breakers an application builds with the typed
     * API join, to be listed with the annotated ones.
     *
     * @param pipelines the application's pipelines
     * @return the registry {@link #circuitBreakers} serves
     */
    @Produces
    @Singleton
    @Typed(CircuitBreakerRegistry.class) // CircuitBreakers is the bean above
    @Unremovable // may be looked up only programmatically
    CircuitBreakerRegistry circuitBreakerRegistry(GuardedPipelines pipelines) {
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

    /**
     * A singleton, not proxied: {@code Guard.create()...build()} reads it once, through {@code CDI.current()}.
     *
     * @param pipelines the application's pipelines
     * @return what the application's {@code Guard}s share with them: threads, breakers, settings, {@code Uni}
     */
    @Produces
    @Singleton
    @Unremovable // looked up only programmatically
    GuardResources guardResources(GuardedPipelines pipelines) {
        return pipelines.guardResources();
    }
}
