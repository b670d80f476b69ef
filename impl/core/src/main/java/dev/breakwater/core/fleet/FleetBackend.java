package dev.breakwater.core.fleet;

import dev.breakwater.api.BreakerState;
import java.time.Duration;
import java.util.List;

/**
 * A store shared by the instances of one application, through which their circuit breakers act as one. A
 * {@link dev.breakwater.core.FleetMember} calls it from its own thread, never from a guarded call; an operator's
 * holds ({@link #hold}, {@link #release}) come from whoever steers the fleet.
 *
 * <p><b>The rules</b> a backend applies, atomically for each {@link #exchange}, per breaker, on the store's own clock
 * (never an instance's):
 * <ul>
 *   <li>the reported calls and failures are added to the fleet's window, one bucket per second of the last
 *       {@link FleetRules#windowMillis()}; an instance that reported failures is remembered as a failing reporter
 *       for that long;</li>
 *   <li>a {@link BreakerState#CLOSED} breaker opens when the window holds at least {@link FleetRules#minimumCalls()}
 *       calls, at least {@link FleetRules#failureRatio()} of them failed, and at least {@link FleetRules#quorum()}
 *       failing reporters sent them (so one instance with a broken path cannot open it for everyone); the window
 *       starts empty again;</li>
 *   <li>an {@link BreakerState#OPEN} breaker becomes {@link BreakerState#HALF_OPEN} once its
 *       {@link FleetRules#delayMillis()} has passed, with {@link FleetRules#successThreshold()} probe leases for the
 *       whole fleet, handed out to the instances that ask ({@link FleetReport#probesWanted()}), first come first
 *       served;</li>
 *   <li>in half-open, a failed probe of the current period reopens the breaker, {@code successThreshold} successful
 *       ones close it (with an empty window), and a period still undecided after {@link FleetRules#probeLeaseMillis()}
 *       (a probe's outcome lost, an instance gone with its lease) reopens it: no period hands out more leases;</li>
 *   <li>a hold ({@link #hold}) overrides all of it until it is released or expires, and leaves the breaker closed
 *       with an empty window;</li>
 *   <li>every change of state increments the breaker's epoch and is announced to the instances'
 *       {@link #onTransition} callbacks.</li>
 * </ul>
 * Counts are delivered at most once: a report whose exchange failed is not sent again, so a lost answer can make
 * the fleet see fewer calls, never more.
 *
 * <p><b>Rate limiters' leases</b>, in the same exchange, per limiter: the store's clock is cut into fixed windows of
 * {@link FleetLeaseRequest#windowMillis()} counted from the epoch, each with a budget of
 * {@link FleetLeaseRequest#limit()} tokens for the whole fleet. A request is granted
 * {@code min(wantedNow, what the window in force has left)} tokens of that window and, when that window has at most
 * {@link FleetLeaseRequest#aheadMillis()} left, {@code min(wantedNext, what the next window has left)} of the next
 * one; what is granted leaves the budget for good (tokens not spent expire with their window). So no window ever
 * grants more than its limit, whoever asks and however often.
 */
public interface FleetBackend extends AutoCloseable {

    /**
     * One round trip for all of an instance's clustered breakers and rate limiters: adds its reports and returns the
     * fleet's view of each breaker, and grants its rate limiters' leases. Called from one thread at a time per
     * instance.
     *
     * @param instance the reporting instance's identifier, the same for all of its exchanges
     * @param reports one per breaker, names distinct
     * @param leases one per rate limiter, names distinct
     * @return the store's time, one view per report and one lease per request, in their orders
     * @throws FleetUnavailableException when the store did not answer within its timeout, refused, or answered
     *                                   something malformed
     */
    FleetReply exchange(String instance, List<FleetReport> reports, List<FleetLeaseRequest> leases);

    /**
     * An {@linkplain #exchange(String, List, List) exchange} for breakers alone.
     *
     * @param instance the reporting instance's identifier
     * @param reports one per breaker, names distinct
     * @return the store's time and one view per report
     * @throws FleetUnavailableException as the full exchange
     */
    default FleetReply exchange(String instance, List<FleetReport> reports) {
        return exchange(instance, reports, List.of());
    }

    /**
     * Holds a breaker in a state for the whole fleet until {@link #release} or the expiry, whichever comes first,
     * measured on the store's clock.
     *
     * @param breaker the breaker's name
     * @param state {@link BreakerState#HELD_OPEN} or {@link BreakerState#HELD_CLOSED}
     * @param expiry how long the hold lasts; more than 0
     * @throws FleetUnavailableException when the store did not take it
     */
    void hold(String breaker, BreakerState state, Duration expiry);

    /**
     * Ends a hold, leaving the breaker closed with an empty window; nothing happens when none is held.
     *
     * @param breaker the breaker's name
     * @throws FleetUnavailableException when the store did not take it
     */
    void release(String breaker);

    /**
     * @return the store's clock, in milliseconds since the epoch: the one clock of the fleet
     * @throws FleetUnavailableException when the store did not answer
     */
    long serverTimeMillis();

    /**
     * Asks to be told, as soon as the store can, that some breaker of the fleet changed state, so that the member
     * exchanges early instead of at its next flush. Best effort: a missed announcement is caught up by the next
     * exchange. The callback must only wake the member up; it can run on any thread.
     *
     * @param callback run on each announcement
     */
    void onTransition(Runnable callback);

    /** Releases the connections and threads of the backend. */
    @Override
    void close();

    /**
     * Checks a {@linkplain #hold hold}'s arguments, as every backend does before it takes one.
     *
     * @param breaker the breaker's name
     * @param state the state asked for
     * @param expiry how long the hold is to last
     * @throws IllegalArgumentException naming the breaker, the state and the expiry, when the state is not
     *                                  {@linkplain #holdable holdable} or the expiry not more than 0
     */
    static void checkHold(String breaker, BreakerState state, Duration expiry) {
        if (!holdable(state) || expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException(
                    "a fleet hold of circuit breaker '"
                            + breaker
                            + "' in "
                            + state
                            + " for "
                            + expiry
                            + " is invalid; allowed: HELD_OPEN or HELD_CLOSED, for more than 0");
        }
    }

    /**
     * @param state a state
     * @return whether an operator may {@linkplain #hold hold} a fleet's breaker in it
     */
    static boolean holdable(BreakerState state) {
        return state == BreakerState.HELD_OPEN || state == BreakerState.HELD_CLOSED;
    }
}
