package dev.breakwater.quarkus;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the state of every circuit breaker, by breaker name, and the methods each guards. Registered through
 * {@code quarkus-smallrye-health} as an extension's check, so {@code quarkus.smallrye-health.extensions.enabled=false}
 * and {@code quarkus.breakwater.health.enabled=false} leave it out.
 *
 * <p>Each breaker's state is reported as {@link BreakerState} names it, so a breaker held open by an operator shows
 * as {@code HELD_OPEN}, not as one opened by failures, and one held closed or disabled as {@code HELD_CLOSED} or
 * {@code DISABLED} (both let every call through, so they never make the check down). The check stays up while a
 * breaker refuses calls (open or held open) unless {@code quarkus.breakwater.health.down-when-open} is {@code true}. An open breaker means a
 * dependency fails; every replica sees the same dependency, so taking them all out of rotation would turn fast
 * failures and fallbacks into no service at all. Applications whose only job is the guarded call can opt in; for
 * them a breaker held open refuses that call just the same, so it makes the check down too.
 */
@Readiness
@ApplicationScoped
public class CircuitBreakerHealthCheck implements HealthCheck {

    /** The name of the check in {@code /q/health/ready}. */
    public static final String NAME = "circuit breakers";

    /** Appended to a breaker's name for the data entry that lists the methods it guards. */
    public static final String METHODS_SUFFIX = " methods";

    /**
     * Appended to a breaker's name for the data entry of a breaker in fleet mode: the fleet's view beside the
     * breaker's own state ({@link dev.breakwater.api.FleetBreakerSnapshot#summary()}); it never changes the status.
     */
    public static final String FLEET_SUFFIX = " fleet";

    private final CircuitBreakers breakers;
    private final boolean downWhenOpen;

    /**
     * @param breakers the application's circuit breakers
     * @param settings Breakwater's settings, of which {@code health.down-when-open}
     * @param config the application's config, for the setting's old key
     */
    @Inject
    public CircuitBreakerHealthCheck(
            CircuitBreakers breakers, BreakwaterConfig settings, Config config) {
        this.breakers = breakers;
        this.downWhenOpen =
                RenamedKeys.flag(
                        settings.health().downWhenOpen(), RenamedKeys.DOWN_WHEN_OPEN, config);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (CircuitBreakerSnapshot breaker : breakers.list()) {
            response.withData(breaker.name(), breaker.state().name());
            response.withData(
                    breaker.name() + METHODS_SUFFIX, String.join(", ", breaker.methods()));
            if (breaker.fleet() != null) {
                response.withData(breaker.name() + FLEET_SUFFIX, breaker.fleet().summary());
            }
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
