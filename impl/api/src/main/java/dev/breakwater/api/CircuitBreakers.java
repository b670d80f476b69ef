package dev.breakwater.api;

import java.time.Duration;
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
     * Holds a breaker in fleet mode open or closed for the whole fleet: every replica whose breaker of that name is
     * in fleet mode applies it at its next exchange with the fleet's store (announced, so at once), until
     * {@link #releaseFleet(String)} or the expiry, measured on the store's clock. A replica's own hold
     * ({@link #holdOpen(String)}, {@link #holdClosed(String)}, {@link #disable(String)}) wins over it there. The
     * fleet's view in {@link CircuitBreakerSnapshot#fleet()} shows it once this replica has exchanged.
     *
     * @param name the breaker's name
     * @param state {@link BreakerState#HELD_OPEN} or {@link BreakerState#HELD_CLOSED}
     * @param expiry how long the hold lasts: more than 0, at most the fleet member's longest hold (1 day by default)
     * @throws IllegalArgumentException for an unknown name, another state, or an expiry out of range
     * @throws IllegalStateException when the breaker is not in fleet mode
     * @throws RuntimeException the implementation's, when the fleet's store did not take the hold (unreachable)
     */
    void holdFleet(String name, BreakerState state, Duration expiry);

    /**
     * Ends a fleet-wide hold ({@link #holdFleet}), leaving the breaker closed with an empty fleet window
     * everywhere; nothing happens when none is held.
     *
     * @param name the breaker's name
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException when the breaker is not in fleet mode
     * @throws RuntimeException the implementation's, when the fleet's store did not take it
     */
    void releaseFleet(String name);

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
