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
    private String fleetName;
    private FleetMember fleet;

    RateLimiterBuilder() {}

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
     * Makes the limit the fleet's: {@code limit} calls per {@code window} across every instance of the application
     * whose limiter of this name joins a member of the same fleet. A call spends a token of a lease the member takes
     * in the background from the fleet's window (a compare-and-set, no network); with none left it is refused at
     * once. Windows are fixed and counted on the store's clock, so the limiter's type must be
     * {@link RateLimitType#FIXED FIXED} and its window a whole number of milliseconds, at most an hour. When the
     * store is lost the limiter goes on alone with {@code limit / N} calls per window, N being the instances the
     * fleet last counted. By default a limiter is local.
     *
     * @param name the limiter's name, the same on every instance; not blank
     * @param member this instance's member of the fleet
     */
    public RateLimiterBuilder fleet(String name, FleetMember member) {
        this.fleetName = Objects.requireNonNull(name, "name");
        this.fleet = Objects.requireNonNull(member, "fleet");
        return this;
    }

    /**
     * @return a new limiter; its windows are counted from now (a fleet's, on the store's clock)
     * @throws IllegalArgumentException naming every invalid option and what it allows
     * @throws IllegalStateException if the fleet member has a rate limiter of this name already, or is closed
     */
    public RateLimiter build() {
        BuilderErrors errors =
                new BuilderErrors(
                        fleet == null ? "rate limiter" : "rate limiter '" + fleetName + "'");
        String windowWritten = BuilderErrors.written("window", window);
        String minSpacingWritten = BuilderErrors.written("minSpacing", minSpacing);
        long windowNanos = errors.nanos(windowWritten, window);
        long minSpacingNanos = errors.nanos(minSpacingWritten, minSpacing);
        errors.report(
                RateLimitPolicy.violations(limit, windowNanos, minSpacingNanos, type),
                Map.of(
                        "value",
                        BuilderErrors.written("limit", limit),
                        "window",
                        windowWritten,
                        "minSpacing",
                        minSpacingWritten,
                        "type",
                        BuilderErrors.written("type", type)));
        if (fleet != null) {
            fleetViolations(errors, windowWritten, windowNanos);
        }
        errors.throwIfAny();
        RateLimitPolicy policy = new RateLimitPolicy(limit, windowNanos, minSpacingNanos, type);
        if (fleet == null) {
            return RateLimiter.create(policy, Ticker.SYSTEM);
        }
        FleetRateLimiter limiter = new FleetRateLimiter(fleetName, policy, Ticker.SYSTEM);
        fleet.join(limiter);
        return limiter;
    }

    private void fleetViolations(BuilderErrors errors, String windowWritten, long windowNanos) {
        if (fleetName.isBlank()) {
            errors.add(
                    BuilderErrors.written("fleet", "\"" + fleetName + "\", " + fleet.instance()),
                    "a name that is not blank");
        }
        errors.report(
                RateLimitPolicy.fleetViolations(windowNanos, type),
                Map.of("type", BuilderErrors.written("type", type), "window", windowWritten));
    }
}
