package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A circuit breaker's shared state: one instance per guarded operation, used by every caller at once.
 *
 * <p>The state is one immutable-identity phase object behind an atomic reference. A caller asks for a permit
 * ({@link #tryAcquire()}), which returns the phase it was admitted in, and reports the outcome against that
 * phase. Outcomes reported against a phase that is no longer current are ignored, so a slow call admitted
 * before the breaker opened cannot disturb what came after. No lock is taken and nothing is allocated on the
 * closed path; a new phase object is allocated only on a transition.
 */
public final class CircuitBreaker {

    private final CircuitBreakerPolicy policy;
    private final Ticker ticker;
    private final int failuresToOpen;
    private final AtomicReference<Phase> phase;
    private final CircuitBreakerListener listener;
    private final AtomicLongArray nanosSpent = new AtomicLongArray(CircuitBreakerState.values().length);
    private final CircuitBreakerCounters counters = new CircuitBreakerCounters();

    /**
     * @param policy when to open and close
     * @param ticker the clock that measures the open delay
     * @param listener told of every state change
     */
    public CircuitBreaker(CircuitBreakerPolicy policy, Ticker ticker, CircuitBreakerListener listener) {
        this.policy = policy;
        this.ticker = ticker;
        this.failuresToOpen = policy.failuresToOpen();
        this.listener = listener;
        this.phase = new AtomicReference<>(new Closed(policy.requestVolumeThreshold(), ticker.nanoTime()));
    }

    /**
     * The time this breaker has spent in a state since it was created, the current stay included. An open breaker
     * whose delay has passed counts as half-open from the moment the delay ended.
     *
     * @param state the state
     * @return nanoseconds spent in it
     */
    public long nanosIn(CircuitBreakerState state) {
        long now = ticker.nanoTime();
        Phase current = phase.get();
        long spent = nanosSpent.get(state.ordinal());
        if (current instanceof Open open && open.delayOver(now)) {
            long halfOpenSince = open.since + open.delayNanos;
            if (state == CircuitBreakerState.OPEN) {
                return spent + open.delayNanos;
            }
            return state == CircuitBreakerState.HALF_OPEN ? spent + now - halfOpenSince : spent;
        }
        return current.state() == state ? spent + now - current.since : spent;
    }

    /**
     * How long the breaker has been in its current state, as {@link #state()} reports it: an open breaker whose
     * delay has passed has been half-open since the delay ended.
     *
     * @return nanoseconds since the current state began
     */
    public long nanosInCurrentState() {
        long now = ticker.nanoTime();
        Phase current = phase.get();
        if (current instanceof Open open && open.delayOver(now)) {
            return now - (open.since + open.delayNanos);
        }
        return now - current.since;
    }

    /** @return the calls and openings this breaker has counted */
    public CircuitBreakerCounters counters() {
        return counters;
    }

    /** @return the policy this breaker enforces */
    public CircuitBreakerPolicy policy() {
        return policy;
    }

    /**
     * The current state. An open breaker whose delay has passed reports half-open even if no call has
     * arrived since.
     *
     * @return the state now
     */
    public CircuitBreakerState state() {
        Phase current = phase.get();
        if (current instanceof Open open && open.delayOver(ticker.nanoTime())) {
            return CircuitBreakerState.HALF_OPEN;
        }
        return current.state();
    }

    /**
     * Asks to let one call through.
     *
     * @return the permit to report the outcome against, or {@code null} when the call is refused
     */
    public Permit tryAcquire() {
        while (true) {
            Phase current = phase.get();
            if (current instanceof Closed) {
                return current;
            }
            if (current instanceof Open open) {
                if (!open.delayOver(ticker.nanoTime())) {
                    counters.recordRejection();
                    return null;
                }
                transition(open, new HalfOpen(open.since + open.delayNanos));
                continue;
            }
            HalfOpen halfOpen = (HalfOpen) current;
            if (halfOpen.admit(policy.successThreshold())) {
                return halfOpen;
            }
            counters.recordRejection();
            return null;
        }
    }

    /**
     * Records a call's failure. Failures that the policy does not count are recorded as successes.
     *
     * @param permit the permit the call was admitted with
     * @param failure what the call threw
     * @return whether the failure counted as one
     */
    public boolean onFailure(Permit permit, Throwable failure) {
        if (policy.failOn().test(failure)) {
            recordFailure((Phase) permit);
            return true;
        }
        onSuccess(permit);
        return false;
    }

    /**
     * Records a call's success.
     *
     * @param permit the permit the call was admitted with
     */
    public void onSuccess(Permit permit) {
        counters.recordSuccess();
        Phase admitted = (Phase) permit;
        if (admitted instanceof Closed closed) {
            record(closed, Closed.SUCCESS);
        } else if (admitted instanceof HalfOpen halfOpen && halfOpen.succeeded(policy.successThreshold())) {
            transition(halfOpen, new Closed(policy.requestVolumeThreshold(), ticker.nanoTime()));
        }
    }

    private void recordFailure(Phase admitted) {
        counters.recordFailure();
        if (admitted instanceof Closed closed) {
            record(closed, Closed.FAILURE);
        } else if (admitted instanceof HalfOpen halfOpen) {
            transition(halfOpen, new Open(ticker.nanoTime(), policy.delayNanos()));
        }
    }

    /** The window is judged after every outcome, so a success that fills it can open the breaker too. */
    private void record(Closed closed, int outcome) {
        if (failuresToOpen > 0 && closed.unchangedBy(outcome)) {
            return;
        }
        if (closed.record(outcome) >= failuresToOpen && closed.full()) {
            transition(closed, new Open(ticker.nanoTime(), policy.delayNanos()));
        }
    }

    /** Closes the breaker and forgets every outcome, whatever its state. The counters keep counting. */
    public void reset() {
        force(new Closed(policy.requestVolumeThreshold(), ticker.nanoTime()));
    }

    /** Closes the breaker, forgets every outcome and sets the counters back to zero: as if just created. */
    public void resetWithCounters() {
        reset();
        counters.clear();
    }

    /** Opens the breaker now; it lets trial calls through after the policy's delay. */
    public void forceOpen() {
        force(new Open(ticker.nanoTime(), policy.delayNanos()));
    }

    /**
     * Opens the breaker and keeps it open, refusing every call, until {@link #reset()} closes it: for maintenance,
     * when no trial call should reach the system behind it however long that takes.
     */
    public void holdOpen() {
        force(new Open(ticker.nanoTime(), Long.MAX_VALUE));
    }

    private void force(Phase next) {
        Phase previous = phase.getAndSet(next);
        left(previous, next);
    }

    private void transition(Phase from, Phase to) {
        if (phase.compareAndSet(from, to)) {
            left(from, to);
        }
    }

    private void left(Phase from, Phase to) {
        nanosSpent.addAndGet(from.state().ordinal(), Math.max(0, to.since - from.since));
        if (from.state() != to.state()) {
            if (to.state() == CircuitBreakerState.OPEN) {
                counters.recordOpening();
            }
            listener.onStateChange(from.state(), to.state());
        }
    }

    /** Proof of admission, handed back with the call's outcome. */
    public sealed interface Permit permits Phase {
    }

    private abstract static sealed class Phase implements Permit permits Closed, Open, HalfOpen {
        /** When this phase began, on the breaker's ticker. */
        final long since;

        Phase(long since) {
            this.since = since;
        }

        abstract CircuitBreakerState state();
    }

    /**
     * The rolling window: a ring of the last {@code size} outcomes, claimed slot by slot with an atomic
     * cursor, with running counts of recorded outcomes and failures.
     */
    private static final class Closed extends Phase {
        static final int SUCCESS = 1;
        static final int FAILURE = 2;

        private final AtomicIntegerArray outcomes;
        private final AtomicLong cursor = new AtomicLong();
        private final AtomicInteger recorded = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final int size;

        Closed(int size, long since) {
            super(since);
            this.size = size;
            this.outcomes = new AtomicIntegerArray(size);
        }

        /** @return the number of failures in the window after recording */
        int record(int outcome) {
            int slot = (int) (cursor.getAndIncrement() % size);
            int previous = outcomes.getAndSet(slot, outcome);
            if (previous == 0) {
                recorded.incrementAndGet();
            }
            int delta = (outcome == FAILURE ? 1 : 0) - (previous == FAILURE ? 1 : 0);
            return delta == 0 ? failures.get() : failures.addAndGet(delta);
        }

        boolean full() {
            return recorded.get() >= size;
        }

        /**
         * Whether recording the outcome would change nothing observable: a success in a full window of
         * successes only replaces a success. Skipping it spares the healthy breaker's callers two atomic writes
         * to state they all share. (With no failure needed to open, a full window has opened already.)
         */
        boolean unchangedBy(int outcome) {
            return outcome == SUCCESS && failures.get() == 0 && full();
        }

        @Override
        CircuitBreakerState state() {
            return CircuitBreakerState.CLOSED;
        }
    }

    private static final class Open extends Phase {
        private final long delayNanos;

        Open(long openedAt, long delayNanos) {
            super(openedAt);
            this.delayNanos = delayNanos;
        }

        boolean delayOver(long now) {
            return now - since >= delayNanos;
        }

        @Override
        CircuitBreakerState state() {
            return CircuitBreakerState.OPEN;
        }
    }

    private static final class HalfOpen extends Phase {
        private final AtomicInteger admitted = new AtomicInteger();
        private final AtomicInteger successes = new AtomicInteger();

        HalfOpen(long since) {
            super(since);
        }

        /** Admits at most {@code trials} calls in this half-open period: one failure reopens, so no more are needed. */
        boolean admit(int trials) {
            while (true) {
                int current = admitted.get();
                if (current >= trials) {
                    return false;
                }
                if (admitted.compareAndSet(current, current + 1)) {
                    return true;
                }
            }
        }

        boolean succeeded(int needed) {
            return successes.incrementAndGet() == needed;
        }

        @Override
        CircuitBreakerState state() {
            return CircuitBreakerState.HALF_OPEN;
        }
    }
}
