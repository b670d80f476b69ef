package dev.breakwater.cdi;

import dev.breakwater.api.RateLimiterSnapshot;
import dev.breakwater.api.RateLimiters;
import dev.breakwater.core.RateLimitPolicy;
import dev.breakwater.core.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The rate limiters of one deployment, by the method each guards: filled while the pipelines are built, then handed
 * to applications as the {@link RateLimiters} bean.
 */
final class RateLimiterRegistry implements RateLimiters {

    private final Map<String, RateLimiter> byMethod = new ConcurrentSkipListMap<>();

    /**
     * @param method the guarded method, as messages name it
     * @param limiter its limiter
     */
    void register(String method, RateLimiter limiter) {
        byMethod.put(method, limiter);
    }

    @Override
    public List<RateLimiterSnapshot> list() {
        return byMethod.entrySet().stream()
                .map(entry -> snapshot(entry.getKey(), entry.getValue()))
                .toList();
    }

    private static RateLimiterSnapshot snapshot(String method, RateLimiter limiter) {
        RateLimitPolicy policy = limiter.policy();
        return new RateLimiterSnapshot(
                method,
                policy.limit(),
                Duration.ofNanos(policy.windowNanos()),
                Duration.ofNanos(policy.minSpacingNanos()),
                policy.type().name(),
                limiter.permitsLeft(),
                limiter.counters().permitted(),
                limiter.counters().rejected(),
                limiter.fleet().orElse(null));
    }
}
