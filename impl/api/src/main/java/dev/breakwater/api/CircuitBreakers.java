package dev.breakwater.api;

import java.util.List;
import java.util.Optional;

/**
 * The circuit breakers of a deployment, to look at and to steer at run time: for health checks, consoles and
 * operators. Inject it ({@code @Inject CircuitBreakers breakers}); Breakwater provides the bean.
 *
 * <p>Every method that takes a name throws {@link IllegalArgumentException}, naming the known breakers, when no
 * breaker has that name. Steering a breaker is reported to listeners like any other change of state.
 */
public interface CircuitBreakers {

    /** @return every breaker, sorted by name */
    List<CircuitBreakerSnapshot> list();

    /**
     * @param name a breaker's name
     * @return that breaker now, or empty when there is none of that name
     */
    Optional<CircuitBreakerSnapshot> find(String name);

    /**
     * The breaker's state, without the rest of a snapshot. Like any look at the breaker, it makes an open breaker
     * whose delay has passed half-open.
     *
     * @param name the breaker's name
     * @return its state now
     */
    BreakerState state(String name);

    /**
     * Puts the breaker back as it was when the deployment started: closed, with an empty rolling window and its
     * counts at zero.
     *
     * @param name the breaker's name
     */
    void reset(String name);

    /** Resets every breaker; see {@link #reset(String)}. */
    void resetAll();

    /**
     * Opens the breaker now. Like a breaker opened by failures, it lets trial calls through once its delay has
     * passed. Counts are kept.
     *
     * @param name the breaker's name
     */
    void forceOpen(String name);

    /**
     * Holds the breaker open now: its state is {@link BreakerState#HELD_OPEN}, every call is refused, and no trial
     * call is let through, however long its delay, until {@link #forceClosed(String)}, {@link #reset(String)} or
     * {@link #forceOpen(String)}. For maintenance windows. Counts are kept; holding a closed breaker open counts
     * as an opening.
     *
     * @param name the breaker's name
     */
    void holdOpen(String name);

    /**
     * Holds the breaker closed now: its state is {@link BreakerState#HELD_CLOSED}, every call passes and is counted,
     * and no failure opens it, until {@link #forceClosed(String)}, {@link #reset(String)}, {@link #forceOpen(String)},
     * {@link #holdOpen(String)} or {@link #disable(String)}. For a known-flaky dependency that must be called anyway.
     *
     * @param name the breaker's name
     */
    void holdClosed(String name);

    /**
     * Disables the breaker now: its state is {@link BreakerState#DISABLED}, and every call passes as if there were no
     * breaker, counted neither in its window nor in its counts, until {@link #forceClosed(String)},
     * {@link #reset(String)}, {@link #forceOpen(String)}, {@link #holdOpen(String)} or {@link #holdClosed(String)}.
     *
     * @param name the breaker's name
     */
    void disable(String name);

    /**
     * Closes the breaker now, with an empty rolling window. Counts are kept.
     *
     * @param name the breaker's name
     */
    void forceClosed(String name);

    /**
     * @param listener told of every change of state of every breaker, from now on
     * @return the registration; close it to stop the notifications
     */
    Subscription subscribe(BreakerStateListener listener);

    /**
     * @param name the breaker's name
     * @param listener told of every change of state of that breaker, from now on
     * @return the registration; close it to stop the notifications
     */
    Subscription subscribe(String name, BreakerStateListener listener);
}
