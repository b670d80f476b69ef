package dev.breakwater.core;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link RateLimiter} for the typed API, with the defaults of Breakwater's {@code @RateLimit}. The
 * limiter is shareable: the guards it is given to draw on the same permits. Get one from
 * {@link RateLimiter#builder()}.
 */
public final class RateLimiterBuilder {

    private int limit = 100;
    private Duration window = Duration.ofSeconds(1);
    private Duration minSpacing = Duration.ZERO;
    private RateLimitType type = RateLimitType.FIXED;

    RateLimiterBuilder() {
    }

    /** @param calls calls admitted per window; default 100 */
    public RateLimiterBuilder limit(int calls) {
        this.limit = calls;
        return this;
    }

    /** @param window the window's length; default 1 s */
    public RateLimiterBuilder window(Duration window) {
        this.window = Objects.requireNonNull(window, "window");
        return this;
    }

    /** @param spacing the least time between two consecutive calls; default 0 (no minimum) */
    public RateLimiterBuilder minSpacing(Duration spacing) {
        this.minSpacing = Objects.requireNonNull(spacing, "minSpacing");
        return this;
    }

    /** @param type which recent calls count against the limit; default {@link RateLimitType#FIXED} */
    public RateLimiterBuilder type(RateLimitType type) {
        this.type = type;
        return this;
    }

    /**
     * @return a new limiter; its windows are counted from now
     * @throws IllegalArgumentException naming every invalid option and what it allows
     */
    public RateLimiter build() {
        BuilderErrors errors = new BuilderErrors("rate limiter");
        String windowWritten = BuilderErrors.written("window", window);
        String minSpacingWritten = BuilderErrors.written("minSpacing", minSpacing);
        long windowNanos = errors.nanos(windowWritten, window);
        long minSpacingNanos = errors.nanos(minSpacingWritten, minSpacing);
        errors.report(RateLimitPolicy.violations(limit, windowNanos, minSpacingNanos, type),
                Map.of("value", BuilderErrors.written("limit", limit), "window", windowWritten,
                        "minSpacing", minSpacingWritten, "type", BuilderErrors.written("type", type)));
        errors.throwIfAny();
        return RateLimiter.create(new RateLimitPolicy(limit, windowNanos, minSpacingNanos, type), Ticker.SYSTEM);
    }
}
