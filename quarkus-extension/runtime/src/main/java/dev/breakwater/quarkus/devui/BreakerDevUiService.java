package dev.breakwater.quarkus.devui;

import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.FleetBreakerSnapshot;
import dev.breakwater.api.FleetRateLimiterSnapshot;
import dev.breakwater.api.RateLimiterSnapshot;
import dev.breakwater.api.RateLimiters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The JSON-RPC methods behind the Dev UI's circuit breaker page (dev mode only): the live breakers, the operator's
 * actions on one of them, and the rate limiters. Each action answers with every breaker as it is afterwards, so the
 * page redraws from one reply.
 */
@ApplicationScoped
public class BreakerDevUiService {

    private final CircuitBreakers breakers;
    private final RateLimiters limiters;

    /**
     * @param breakers the application's circuit breakers
     * @param limiters the application's rate limiters
     */
    @Inject
    public BreakerDevUiService(CircuitBreakers breakers, RateLimiters limiters) {
        this.breakers = breakers;
        this.limiters = limiters;
    }

    /** @return every rate limiter now, sorted by method */
    public List<RateLimiterView> rateLimiters() {
        return limiters.list().stream().map(RateLimiterView::of).toList();
    }

    /** @return every breaker now, sorted by name */
    public List<BreakerView> breakers() {
        return breakers.list().stream().map(BreakerView::of).toList();
    }

    /**
     * @param name a breaker's name
     * @return every breaker, after that one was put back as at start
     */
    public List<BreakerView> reset(String name) {
        breakers.reset(name);
        return breakers();
    }

    /**
     * @param name a breaker's name
     * @return every breaker, after that one was opened
     */
    public List<BreakerView> forceOpen(String name) {
        breakers.forceOpen(name);
        return breakers();
    }

    /**
     * @param name a breaker's name
     * @return every breaker, after that one was held open (no trial call until closed, reset or opened)
     */
    public List<BreakerView> holdOpen(String name) {
        breakers.holdOpen(name);
        return breakers();
    }

    /**
     * @param name a breaker's name
     * @return every breaker, after that one was held closed (every call passes, no failure opens it)
     */
    public List<BreakerView> holdClosed(String name) {
        breakers.holdClosed(name);
        return breakers();
    }

    /**
     * @param name a breaker's name
     * @return every breaker, after that one was disabled (every call passes, counted nowhere)
     */
    public List<BreakerView> disable(String name) {
        breakers.disable(name);
        return breakers();
    }

    /**
     * @param name a breaker's name
     * @return every breaker, after that one was closed
     */
    public List<BreakerView> forceClosed(String name) {
        breakers.forceClosed(name);
        return breakers();
    }

    /**
     * One breaker as the page shows it: plain values, so the JSON needs no time module.
     *
     * @param name the breaker's name
     * @param state {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, {@code HELD_OPEN}, {@code HELD_CLOSED} or
     *              {@code DISABLED}
     * @param millisInState how long it has been in that state
     * @param methods the methods it guards
     * @param succeeded calls that succeeded
     * @param failed calls that failed
     * @param rejected calls refused while open
     * @param timesOpened how often it opened
     * @param fleet for a breaker in fleet mode, the fleet's view as this replica last had it ({@code OPEN, epoch 3})
     *              and {@code alone} while the breaker goes on alone; empty for a local breaker
     */
    public record BreakerView(
            String name,
            String state,
            long millisInState,
            List<String> methods,
            long succeeded,
            long failed,
            long rejected,
            long timesOpened,
            String fleet) {

        static BreakerView of(CircuitBreakerSnapshot snapshot) {
            FleetBreakerSnapshot fleet = snapshot.fleet();
            return new BreakerView(
                    snapshot.name(),
                    snapshot.state().name(),
                    snapshot.timeInState().toMillis(),
                    snapshot.methods(),
                    snapshot.succeeded(),
                    snapshot.failed(),
                    snapshot.rejected(),
                    snapshot.timesOpened(),
                    fleet == null ? "" : fleet.summary());
        }
    }

    /**
     * One rate limiter as the page shows it: plain values, so the JSON needs no time module.
     *
     * @param method the guarded method it limits
     * @param limit the calls admitted per window
     * @param windowMillis the window, in milliseconds
     * @param minSpacingMillis the least time between two calls, in milliseconds (0 for none)
     * @param type {@code FIXED}, {@code ROLLING} or {@code SMOOTH}
     * @param permitsLeft the calls the limit would admit now, the spacing aside
     * @param permitted calls let through
     * @param rejected calls refused with {@code RateLimitException}
     * @param fleet for a rate limit in fleet mode, what this replica holds of the fleet's limit
     *              ({@code 3 instances, 12 leased}, or {@code alone, ...}); empty for a local rate limit
     */
    public record RateLimiterView(
            String method,
            int limit,
            long windowMillis,
            long minSpacingMillis,
            String type,
            int permitsLeft,
            long permitted,
            long rejected,
            String fleet) {

        static RateLimiterView of(RateLimiterSnapshot snapshot) {
            FleetRateLimiterSnapshot fleet = snapshot.fleet();
            return new RateLimiterView(
                    snapshot.method(),
                    snapshot.limit(),
                    snapshot.window().toMillis(),
                    snapshot.minSpacing().toMillis(),
                    snapshot.type(),
                    snapshot.permitsLeft(),
                    snapshot.permitted(),
                    snapshot.rejected(),
                    fleet == null ? "" : fleet.summary());
        }
    }
}
