package dev.breakwater.core;

import dev.breakwater.api.BreakerStateListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link CircuitBreaker} for the typed API, with the defaults of the spec's {@code @CircuitBreaker}.
 * The breaker is shareable: give it to several guards and they open and close together. Get one from
 * {@link CircuitBreaker#builder(String)}.
 */
public final class CircuitBreakerBuilder {

    private final String name;
    private Duration delay = Duration.ofSeconds(5);
    private int requestVolumeThreshold = 20;
    private double failureRatio = 0.5;
    private int successThreshold = 1;
    private List<Class<? extends Throwable>> failOn = List.of(Throwable.class);
    private List<Class<? extends Throwable>> skipOn = List.of();
    private BreakerStateListener listener = BreakerStateListener.NONE;
    private CircuitBreakerRegistry registry;
    private Duration window = Duration.ZERO;
    private Integer minimumCalls;
    private Duration slowCall = Duration.ZERO;
    private double slowCallRatio = 1.0;
    private Duration maxHalfOpen = Duration.ZERO;
    private FleetMember fleet;

    CircuitBreakerBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @param delay how long the breaker stays open before it lets trial calls through; default 5 s */
    public CircuitBreakerBuilder delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** @param calls the size of the rolling window of outcomes the ratio is taken over; default 20 */
    public CircuitBreakerBuilder requestVolumeThreshold(int calls) {
        this.requestVolumeThreshold = calls;
        return this;
    }

    /** @param ratio the share of failures in a full window that opens the breaker, 0 to 1; default 0.5 */
    public CircuitBreakerBuilder failureRatio(double ratio) {
        this.failureRatio = ratio;
        return this;
    }

    /** @param successes trial successes in half-open state that close the breaker; default 1 */
    public CircuitBreakerBuilder successThreshold(int successes) {
        this.successThreshold = successes;
        return this;
    }

    /** @param types the failures that count as failures; default {@code Throwable} (all) */
    @SafeVarargs
    public final CircuitBreakerBuilder failOn(Class<? extends Throwable>... types) {
        this.failOn = ExceptionTypes.of("failOn", types);
        return this;
    }

    /** @param types failures that count as successes even when {@link #failOn} names them; default none */
    @SafeVarargs
    public final CircuitBreakerBuilder skipOn(Class<? extends Throwable>... types) {
        this.skipOn = ExceptionTypes.of("skipOn", types);
        return this;
    }

    /**
     * Judges the calls of the last {@code window} instead of the last {@link #requestVolumeThreshold} calls: a
     * time-based sliding window of one bucket per second, judged once it holds {@link #minimumCalls} calls.
     *
     * @param window whole seconds, 1 s to 1 h; default {@link Duration#ZERO}, the spec's count-based window
     */
    public CircuitBreakerBuilder window(Duration window) {
        this.window = Objects.requireNonNull(window, "window");
        return this;
    }

    /**
     * @param calls with a time-based {@link #window}, the calls it must hold before its ratios count; 1 or more,
     *              default the {@link #requestVolumeThreshold}
     */
    public CircuitBreakerBuilder minimumCalls(int calls) {
        this.minimumCalls = calls;
        return this;
    }

    /**
     * @param duration a call that takes longer than this (from admission by the breaker to its outcome) is slow, and
     *                 the breaker opens when the {@link #slowCallRatio} is reached, as for failures; default
     *                 {@link Duration#ZERO}: no call is slow
     */
    public CircuitBreakerBuilder slowCall(Duration duration) {
        this.slowCall = Objects.requireNonNull(duration, "slowCall");
        return this;
    }

    /**
     * @param ratio the share of slow calls (failed ones included) in the window that opens the breaker, more than 0
     *              up to 1; default 1. A slow trial call in half-open state reopens the breaker, like a failure.
     */
    public CircuitBreakerBuilder slowCallRatio(double ratio) {
        this.slowCallRatio = ratio;
        return this;
    }

    /**
     * @param limit how long the breaker may stay half-open before it opens again if its trial calls have not closed
     *              or reopened it by then; default {@link Duration#ZERO}: no limit
     */
    public CircuitBreakerBuilder maxHalfOpen(Duration limit) {
        this.maxHalfOpen = Objects.requireNonNull(limit, "maxHalfOpen");
        return this;
    }

    /**
     * @param listener told of each change of state, named as this breaker, on the thread that made it; must be
     *                 quick. An open breaker becomes half-open on the first call or look at its state after the delay.
     */
    public CircuitBreakerBuilder onStateChange(BreakerStateListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * @param registry the registry the breaker joins when it is built, under its name, so that it can be looked at
     *                 and steered through {@link dev.breakwater.api.CircuitBreakers}; by default it joins none
     */
    public CircuitBreakerBuilder registry(CircuitBreakerRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Puts the breaker in fleet mode: its instances in every replica of the application, named alike and given
     * members of one fleet, open, probe and close together (see {@link FleetMember}). Its calls still read local
     * state only; the member reports its counts and applies the fleet's decisions in the background, and when the
     * fleet's store is lost the breaker goes on alone, as without fleet mode. By default a breaker is local.
     *
     * @param member this instance's member of the fleet
     */
    public CircuitBreakerBuilder fleet(FleetMember member) {
        this.fleet = Objects.requireNonNull(member, "fleet");
        return this;
    }

    /**
     * @return a new breaker, closed (and registered, if a registry was given; a member of the fleet, if one was
     *         given)
     * @throws IllegalArgumentException naming every invalid option and what it allows
     * @throws IllegalStateException if the registry or the fleet member has a breaker of this name already, or is
     *                               closed
     */
    public CircuitBreaker build() {
        BuilderErrors errors = new BuilderErrors("circuit breaker '" + name + "'");
        String delayWritten = BuilderErrors.written("delay", delay);
        long delayNanos = errors.nanos(delayWritten, delay);
        errors.report(
                CircuitBreakerPolicy.violations(
                        delayNanos, requestVolumeThreshold, failureRatio, successThreshold),
                Map.of(
                        "delay",
                        delayWritten,
                        "requestVolumeThreshold",
                        BuilderErrors.written("requestVolumeThreshold", requestVolumeThreshold),
                        "failureRatio",
                        BuilderErrors.written("failureRatio", failureRatio),
                        "successThreshold",
                        BuilderErrors.written("successThreshold", successThreshold)));
        String windowWritten = BuilderErrors.written("window", window);
        String slowCallWritten = BuilderErrors.written("slowCall", slowCall);
        String maxHalfOpenWritten = BuilderErrors.written("maxHalfOpen", maxHalfOpen);
        long windowNanos = errors.nanos(windowWritten, window);
        long slowCallNanos = errors.nanos(slowCallWritten, slowCall);
        long maxHalfOpenNanos = errors.nanos(maxHalfOpenWritten, maxHalfOpen);
        int minimum =
                windowNanos == 0 || minimumCalls != null
                        ? minimumCalls == null ? 0 : minimumCalls
                        : requestVolumeThreshold;
        errors.report(
                CircuitBreakerOptions.violations(
                        windowNanos, minimum, slowCallNanos, slowCallRatio, maxHalfOpenNanos),
                Map.of(
                        "window",
                        windowWritten,
                        "minimumCalls",
                        BuilderErrors.written("minimumCalls", minimum),
                        "slowCall",
                        slowCallWritten,
                        "slowCallRatio",
                        BuilderErrors.written("slowCallRatio", slowCallRatio),
                        "maxHalfOpen",
                        maxHalfOpenWritten));
        errors.throwIfAny();
        CircuitBreakerPolicy policy =
                new CircuitBreakerPolicy(
                        delayNanos,
                        requestVolumeThreshold,
                        failureRatio,
                        successThreshold,
                        ExceptionPredicate.of(failOn, skipOn),
                        new CircuitBreakerOptions(
                                windowNanos,
                                minimum,
                                slowCallNanos,
                                slowCallRatio,
                                maxHalfOpenNanos));
        if (registry != null) {
            return registry.register(name, policy, listener, fleet);
        }
        CircuitBreaker breaker = new CircuitBreaker(name, policy, Ticker.SYSTEM, listener);
        if (fleet != null) {
            fleet.join(breaker);
        }
        return breaker;
    }
}
