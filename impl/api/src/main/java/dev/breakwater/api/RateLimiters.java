package dev.breakwater.api;

import java.util.List;

/**
 * The rate limiters of a deployment (SmallRye's {@code @RateLimit}), to look at at run time: for health checks,
 * consoles and operators. Inject it ({@code @Inject RateLimiters limiters}); Breakwater provides the bean, empty
 * when no method is rate limited.
 */
public interface RateLimiters {

    /** @return every rate limiter, sorted by the method it guards */
    List<RateLimiterSnapshot> list();
}
