package dev.breakwater.cdi;

import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.FleetMember;
import dev.breakwater.core.RateLimitPolicy;
import dev.breakwater.core.RateLimiter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Puts the breakers and rate limits that config names in fleet mode as the pipelines are built, so that each is a
 * member of the container's fleet before its gauges are registered and its first call: a breaker joins the member
 * once, however many methods share it; a rate limit is built as a fleet's. {@link #NONE} when fleet mode is off.
 */
final class FleetJoins {

    /** Fleet mode off: every breaker and rate limit stays local. */
    static final FleetJoins NONE = new FleetJoins(null, Set.of(), Map.of());

    private final FleetMember member;
    private final Set<String> breakers;
    private final Map<GuardedMethod, String> rateLimits;
    private final Set<String> joined = new HashSet<>();

    /**
     * @param member the container's member
     * @param breakers the names of the breakers in fleet mode
     * @param rateLimits the fleet's name of each rate-limited method in fleet mode
     */
    FleetJoins(FleetMember member, Set<String> breakers, Map<GuardedMethod, String> rateLimits) {
        this.member = member;
        this.breakers = Set.copyOf(breakers);
        this.rateLimits = Map.copyOf(rateLimits);
    }

    /**
     * @param breaker a breaker just registered (maybe again, by another method sharing it)
     * @return the breaker, a member of the fleet if config names it
     */
    synchronized CircuitBreaker breaker(CircuitBreaker breaker) {
        if (breakers.contains(breaker.name()) && joined.add(breaker.name())) {
            member.join(breaker);
        }
        return breaker;
    }

    /**
     * @param method a rate-limited method
     * @param policy its rate limit, which the deployment checked a fleet can share
     * @return the method's limiter in fleet mode, or {@code null} when config leaves it local
     */
    RateLimiter rateLimiter(GuardedMethod method, RateLimitPolicy policy) {
        String name = rateLimits.get(method);
        if (name == null) {
            return null;
        }
        return RateLimiter.builder()
                .limit(policy.limit())
                .window(Duration.ofNanos(policy.windowNanos()))
                .minSpacing(Duration.ofNanos(policy.minSpacingNanos()))
                .type(policy.type())
                .fleet(name, member)
                .build();
    }
}
