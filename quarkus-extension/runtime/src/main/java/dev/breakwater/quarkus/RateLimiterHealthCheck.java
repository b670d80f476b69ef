package dev.breakwater.quarkus;

import dev.breakwater.api.RateLimiterSnapshot;
import dev.breakwater.api.RateLimiters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness data of every rate limiter (SmallRye's {@code @RateLimit}), by guarded method, next to the circuit
 * breakers' check. Registered like the circuit breakers' check.
 *
 * <p>The check is always up: a refusal is the limiter doing its job (sparing a dependency, keeping a quota), and a
 * caller that waits {@code getRetryAfterMillis()} gets through; it says nothing about whether this replica can serve,
 * and every replica enforces its own limit, so none should leave the rotation for it. The data says how close each
 * limit is: the limit, the permits left now, the calls refused since start.
 */
@Readiness
@ApplicationScoped
public class RateLimiterHealthCheck implements HealthCheck {

    /** The name of the check in {@code /q/health/ready}. */
    public static final String NAME = "rate limiters";

    /** Appended to a method for the data entry of the permits a call would find now. */
    public static final String PERMITS_LEFT_SUFFIX = " permits left";

    /** Appended to a method for the data entry of the calls refused since start. */
    public static final String REFUSED_SUFFIX = " refused";

    /**
     * Appended to a method for the data entry of a rate limit in fleet mode: what this replica holds of the fleet's
     * limit ({@link dev.breakwater.api.FleetRateLimiterSnapshot#summary()}); it never changes the status.
     */
    public static final String FLEET_SUFFIX = " fleet";

    private final RateLimiters limiters;

    /** @param limiters the application's rate limiters */
    @Inject
    public RateLimiterHealthCheck(RateLimiters limiters) {
        this.limiters = limiters;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (RateLimiterSnapshot limiter : limiters.list()) {
            response.withData(limiter.method(), describe(limiter));
            response.withData(limiter.method() + PERMITS_LEFT_SUFFIX, limiter.permitsLeft());
            response.withData(limiter.method() + REFUSED_SUFFIX, limiter.rejected());
            if (limiter.fleet() != null) {
                response.withData(limiter.method() + FLEET_SUFFIX, limiter.fleet().summary());
            }
        }
        return response.build();
    }

    /** @return {@code 10 per 1000 ms (FIXED)}, with {@code , calls at least 100 ms apart} when spaced */
    static String describe(RateLimiterSnapshot limiter) {
        return limiter.limit()
                + " per "
                + limiter.window().toMillis()
                + " ms ("
                + limiter.type()
                + (limiter.minSpacing().isZero()
                        ? ""
                        : ", calls at least " + limiter.minSpacing().toMillis() + " ms apart")
                + ")";
    }
}
