package dev.breakwater.core;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.api.FleetBreakerSnapshot;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * A circuit breaker's shared state: one instance per guarded operation, used by every caller at once.
 *
 * <p>The state is one immutable-identity phase object behind an atomic reference. A caller asks for a permit
 * ({@link #tryAcquire()}), which returns the phase it was admitted in, and reports the outcome against that
 * phase. Outcomes reported against a phase that is no longer current are ignored, so a slow call admitted
 * before the breaker opened cannot disturb what came after. No lock is taken and nothing is allocated on the
 * closed path; a new phase object is allocated only on a change of state.
 *
 * <p>Changes of state are made one at a time, under a lock that only changes (and the time accounting that
 * reads them) take, and the listener is told of each before the next is made. So the changes the listener sees
 * form one path, and {@link #state()} reports what it was last told. An open breaker becomes half-open when its
 * delay has passed, by one rule ({@link #current()}) that every reader goes through: the first call or look at
 * the breaker after the delay makes the change, or the timer at the delay's end, if the breaker has one. The same
 * rule reopens a half-open breaker whose stay is limited ({@link CircuitBreakerOptions#maxHalfOpenNanos()}).
 *
 * <p>With {@link CircuitBreakerOptions} beyond the spec's, the closed phase keeps an {@link OutcomeWindow} (a
 * time-based window, slow calls) instead of the spec's ring; without them the spec's ring runs as it is.
 *
 * <p>In fleet mode ({@link CircuitBreakerBuilder#fleet(FleetMember)}) the breaker keeps its local window and adds
 * the fleet's phases, which only its {@link FleetMember} puts in place, in the background: open and half-open for
 * the whole fleet (trial calls only against probe leases the fleet granted this instance) and held with an expiry.
 * Calls read them like the local phases, without waiting; a breaker not in fleet mode never has them.
 */
public final class CircuitBreaker {

    private final String name;
    private final CircuitBreakerPolicy policy;
    private final CircuitBreakerOptions options;
    private final long slowCallNanos;
    private final long maxHalfOpenNanos;
    private final Ticker ticker;
    private final ThreadPools timers;
    private final int failuresToOpen;
    private final AtomicReference<Phase> phase;
    private final BreakerStateListener listener;
    private final ReentrantLock changes = new ReentrantLock();

    /** Guarded by {@link #changes}. */
    private final long[] nanosSpent = new long[BreakerState.values().length];

    private final CircuitBreakerCounters counters = new CircuitBreakerCounters();

    /** The trials of the last fleet-wide half-open period the fleet member applied; guarded by {@link #changes}. */
    private FleetTrials fleetTrials;

    /** The member of the fleet the breaker joined, or {@code null} for a local breaker; set once. */
    private volatile FleetMember fleet;

    /** Set once, before the breaker is handed out, when it joins a registry that meters breakers built in code. */
    private volatile OperationMetrics registryMetrics;

    /** The start of a call whose duration is not measured. */
    private static final long UNMEASURED = Long.MIN_VALUE;

    /**
     * A breaker without a timer: an open breaker becomes half-open on the first call or look after its delay.
     *
     * @param name the name the changes of state carry
     * @param policy when to open and close
     * @param ticker the clock that measures the open delay
     * @param listener told of every change of state
     */
    public CircuitBreaker(
            String name,
            CircuitBreakerPolicy policy,
            Ticker ticker,
            BreakerStateListener listener) {
        this(name, policy, ticker, listener, null);
    }

    /**
     * A breaker on the system clock whose timer makes an open breaker half-open at the end of its delay, so that
     * listeners hear of it then even if no call arrives.
     *
     * @param name the name the changes of state carry
     * @param policy when to open and close
     * @param listener told of every change of state
     * @param timers whose timer ends the open delays; its thread starts when the breaker first opens
     */
    public CircuitBreaker(
            String name,
            CircuitBreakerPolicy policy,
            BreakerStateListener listener,
            ThreadPools timers) {
        this(name, policy, Ticker.SYSTEM, listener, timers);
    }

    private CircuitBreaker(
            String name,
            CircuitBreakerPolicy policy,
            Ticker ticker,
            BreakerStateListener listener,
            ThreadPools timers) {
        this.name = name;
        this.policy = policy;
        this.options = policy.options();
        this.slowCallNanos = options.slowCallNanos();
        this.maxHalfOpenNanos = options.maxHalfOpenNanos();
        this.ticker = ticker;
        this.timers = timers;
        this.failuresToOpen = policy.failuresToOpen();
        this.listener = listener;
        this.phase = new AtomicReference<>(closed(ticker.nanoTime()));
    }

    /** A closed phase with an empty window, of the spec's kind unless the options ask for more. */
    private Phase closed(long since) {
        if (!options.measuredWindow()) {
            return new Closed(policy.requestVolumeThreshold(), since);
        }
        OutcomeWindow window =
                options.windowNanos() > 0
                        ? new SecondsWindow(
                                options.windowNanos(),
                                options.minimumCalls(),
                                policy.failureRatio(),
                                options.slowCallRatio(),
                                since)
                        : new CallCountWindow(
                                policy.requestVolumeThreshold(),
                                policy.failureRatio(),
                                options.slowCallRatio());
        return new Measured(window, since);
    }

    /**
     * @param name names the breaker in its changes of state and in build errors
     * @return a builder of a breaker for the typed API ({@link Guard}), with the spec's defaults, on the system
     *         clock and without a timer
     */
    public static CircuitBreakerBuilder builder(String name) {
        return new CircuitBreakerBuilder(name);
    }

    /**
     * The time this breaker has spent in a state since it was created, the current stay included. A half-open
     * period begins when the open delay ended, however late the change was made.
     *
     * @param state the state
     * @return nanoseconds spent in it
     */
    public long nanosIn(BreakerState state) {
        changes.lock();
        try {
            Phase current = current();
            long spent = nanosSpent[state.ordinal()];
            return current.state() == state
                    ? spent + Math.max(0, ticker.nanoTime() - current.since)
                    : spent;
        } finally {
            changes.unlock();
        }
    }

    /**
     * How long the breaker has been in its current state, as {@link #state()} reports it.
     *
     * @return nanoseconds since the current state began
     */
    public long nanosInCurrentState() {
        return Math.max(0, ticker.nanoTime() - current().since);
    }

    /** @return the calls and openings this breaker has counted */
    public CircuitBreakerCounters counters() {
        return counters;
    }

    /** @return the metrics its registry gave it ({@link BreakerMetrics}), or {@code null} */
    OperationMetrics registryMetrics() {
        return registryMetrics;
    }

    void registryMetrics(OperationMetrics metrics) {
        this.registryMetrics = metrics;
    }

    /** @return the name the changes of state carry */
    public String name() {
        return name;
    }

    /** @return the policy this breaker enforces */
    public CircuitBreakerPolicy policy() {
        return policy;
    }

    /**
     * The current state: the last one the listener was told of. Looking makes an open breaker whose delay has
     * passed half-open (and tells the listener) if no call or timer did so yet.
     *
     * @return the state now
     */
    public BreakerState state() {
        return current().state();
    }

    /**
     * Asks to let one call through.
     *
     * @return the permit to report the outcome against, or {@code null} when the call is refused
     */
    public Permit tryAcquire() {
        Phase current = current();
        if (current instanceof Closed
                || current instanceof Measured
                || current instanceof HeldClosed
                || current instanceof Disabled) {
            return current;
        }
        if (current instanceof HalfOpen halfOpen && halfOpen.admit(policy.successThreshold())) {
            return halfOpen;
        }
        if (current instanceof FleetHalfOpen trial && trial.trials.admit()) {
            return trial;
        }
        if (current instanceof FleetHeld held && held.state == BreakerState.HELD_CLOSED) {
            return held;
        }
        counters.recordRejection();
        return null;
    }

    /**
     * The one rule of the passing of time: an open breaker whose delay has passed becomes half-open, its half-open
     * period counted from the moment the delay ended; a half-open breaker whose stay is limited and over opens
     * again, as it would have at the limit (after an idle stretch, at the start of the last open delay that has
     * begun). Every reader of the phase goes through here.
     */
    private Phase current() {
        while (true) {
            Phase current = phase.get();
            if (current instanceof Open open) {
                if (!open.delayOver(ticker.nanoTime())) {
                    return current;
                }
                change(open, new HalfOpen(open.since + open.delayNanos));
            } else if (current instanceof HalfOpen halfOpen && maxHalfOpenNanos > 0) {
                long now = ticker.nanoTime();
                if (now - halfOpen.since < maxHalfOpenNanos) {
                    return current;
                }
                change(halfOpen, new Open(reopening(halfOpen.since, now), policy.delayNanos()));
            } else if (current instanceof FleetOpen open) {
                if (ticker.nanoTime() - open.since < open.delayNanos) {
                    return current;
                }
                change(
                        open,
                        new FleetHalfOpen(open.since + open.delayNanos, new FleetTrials(-1, 0)));
            } else if (current instanceof FleetHeld held) {
                long length = held.lengthNanos;
                if (ticker.nanoTime() - held.since < length) {
                    return current;
                }
                change(held, closed(held.since + length));
            } else {
                return current;
            }
        }
    }

    /** When a half-open stay that began at {@code since} and was never decided last turned into an open delay. */
    private long reopening(long since, long now) {
        long cycle = SaturatedMath.add(maxHalfOpenNanos, policy.delayNanos());
        long skipped = (now - since - maxHalfOpenNanos) / cycle;
        return since + maxHalfOpenNanos + skipped * cycle;
    }

    /**
     * @return the time a call starts, to be handed back with its outcome ({@link #onSuccess(Permit, long)}), when
     *         this breaker counts slow calls; 0 (without reading the clock) when it does not
     */
    public long startOfCall() {
        return slowCallNanos > 0 ? ticker.nanoTime() : 0;
    }

    /**
     * Records the failure of a call whose duration is not measured (it is never slow). Failures that the policy does
     * not count are recorded as successes.
     *
     * @param permit the permit the call was admitted with
     * @param failure what the call threw
     * @return whether the failure counted as one
     */
    public boolean onFailure(Permit permit, Throwable failure) {
        return onFailure(permit, failure, UNMEASURED);
    }

    /**
     * Records a call's failure. Failures that the policy does not count are recorded as successes.
     *
     * @param permit the permit the call was admitted with
     * @param failure what the call threw
     * @param started what {@link #startOfCall()} returned when the call began
     * @return whether the failure counted as one
     */
    public boolean onFailure(Permit permit, Throwable failure, long started) {
        if (policy.failOn().test(failure)) {
            recordFailure((Phase) permit, started);
            return true;
        }
        onSuccess(permit, started);
        return false;
    }

    /**
     * Records the success of a call whose duration is not measured (it is never slow).
     *
     * @param permit the permit the call was admitted with
     */
    public void onSuccess(Permit permit) {
        onSuccess(permit, UNMEASURED);
    }

    /**
     * Records a call's success.
     *
     * @param permit the permit the call was admitted with
     * @param started what {@link #startOfCall()} returned when the call began
     */
    public void onSuccess(Permit permit, long started) {
        Phase admitted = (Phase) permit;
        if (admitted instanceof Closed closed) {
            counters.recordSuccess();
            record(closed, Closed.SUCCESS);
            return;
        }
        if (admitted instanceof Disabled) {
            return;
        }
        counters.recordSuccess();
        if (admitted instanceof Measured measured) {
            long now = ticker.nanoTime();
            if (measured.window.record(false, slow(started, now), now)) {
                change(measured, new Open(now, policy.delayNanos()));
            }
        } else if (admitted instanceof HalfOpen halfOpen) {
            if (slowCallNanos > 0 && slow(started, ticker.nanoTime())) {
                change(halfOpen, new Open(ticker.nanoTime(), policy.delayNanos()));
            } else if (halfOpen.succeeded(policy.successThreshold())) {
                change(halfOpen, closed(ticker.nanoTime()));
            }
        } else if (admitted instanceof FleetHalfOpen trial) {
            if (slowCallNanos > 0 && slow(started, ticker.nanoTime())) {
                failTrial(trial);
            } else {
                trial.trials.succeeded();
            }
        }
    }

    private void recordFailure(Phase admitted, long started) {
        if (admitted instanceof Disabled) {
            return;
        }
        counters.recordFailure();
        if (admitted instanceof Closed closed) {
            record(closed, Closed.FAILURE);
        } else if (admitted instanceof Measured measured) {
            long now = ticker.nanoTime();
            if (measured.window.record(true, slow(started, now), now)) {
                change(measured, new Open(now, policy.delayNanos()));
            }
        } else if (admitted instanceof HalfOpen halfOpen) {
            change(halfOpen, new Open(ticker.nanoTime(), policy.delayNanos()));
        } else if (admitted instanceof FleetHalfOpen trial) {
            failTrial(trial);
        }
    }

    /**
     * A failed probe reopens the breaker here at once, as a local trial does; the fleet reopens it for everyone when
     * the member reports the failure.
     */
    private void failTrial(FleetHalfOpen trial) {
        trial.trials.failed();
        change(trial, new FleetOpen(ticker.nanoTime(), trial.trials.epoch, policy.delayNanos()));
    }

    private boolean slow(long started, long now) {
        return slowCallNanos > 0 && started != UNMEASURED && now - started > slowCallNanos;
    }

    /** The window is judged after every outcome, so a success that fills it can open the breaker too. */
    private void record(Closed closed, int outcome) {
        if (failuresToOpen > 0 && closed.unchangedBy(outcome)) {
            return;
        }
        if (closed.record(outcome) >= failuresToOpen && closed.full()) {
            change(closed, new Open(ticker.nanoTime(), policy.delayNanos()));
        }
    }

    /** Closes the breaker now, whatever its state, with an empty rolling window. The counters keep counting. */
    public void forceClosed() {
        force(this::closed);
    }

    /** Puts the breaker back as it was created: closed, with an empty rolling window and its counters at zero. */
    public void reset() {
        forceClosed();
        counters.clear();
    }

    /** Opens the breaker now; like a breaker opened by failures, it lets trial calls through after the delay. */
    public void forceOpen() {
        force(since -> new Open(since, policy.delayNanos()));
    }

    /**
     * Holds the breaker open ({@link BreakerState#HELD_OPEN}), refusing every call, until {@link #forceClosed()},
     * {@link #reset()} or {@link #forceOpen()}: for maintenance, when no trial call should reach the system behind
     * it however long that takes.
     */
    public void holdOpen() {
        force(HeldOpen::new);
    }

    /**
     * Holds the breaker closed ({@link BreakerState#HELD_CLOSED}): every call passes and is counted, but no failure
     * opens it and no window is kept, until {@link #forceClosed()}, {@link #reset()}, {@link #forceOpen()},
     * {@link #holdOpen()} or {@link #disable()}.
     */
    public void holdClosed() {
        force(HeldClosed::new);
    }

    /**
     * Disables the breaker ({@link BreakerState#DISABLED}): every call passes as if there were no breaker, counted
     * neither in a window nor in its {@link #counters()}, until {@link #forceClosed()}, {@link #reset()},
     * {@link #forceOpen()}, {@link #holdOpen()} or {@link #holdClosed()}.
     */
    public void disable() {
        force(Disabled::new);
    }

    /** Called by the member the breaker joins, once. */
    void joinedFleet(FleetMember member) {
        this.fleet = member;
    }

    /** @return the member of the fleet the breaker joined, or {@code null} for a local breaker */
    FleetMember fleetMember() {
        return fleet;
    }

    /**
     * The fleet's view of the breaker beside its own (its {@link #state()} and {@link #counters()}), for the control
     * API and metrics; never on a call's path.
     *
     * @return whether the breaker follows the fleet now and the fleet's last view of it; empty for a breaker not in
     *         fleet mode
     */
    public Optional<FleetBreakerSnapshot> fleet() {
        FleetMember member = fleet;
        return member == null ? Optional.empty() : Optional.of(member.snapshot(this));
    }

    /**
     * Puts the fleet's view of this breaker in place; called by its {@link FleetMember} only, never on a call's path.
     * A local operator's choice (held open, held closed, disabled) wins over the fleet's. A fleet that closes only
     * ends the fleet's own phases (a breaker opened by its own window follows its own delay), and a fleet-wide
     * half-open period is only entered from an open state, so that an instance that stayed closed, or returns to the
     * fleet closed, is not made to refuse calls by a period that began without it.
     *
     * @param state the fleet's state
     * @param epoch the fleet's epoch of that state
     * @param remainingNanos what is left of the open delay, the half-open period or the hold
     * @param probesGranted probe leases granted to this instance in this exchange
     */
    void applyFleet(BreakerState state, long epoch, long remainingNanos, int probesGranted) {
        changes.lock();
        try {
            Phase current = current();
            if (current instanceof HeldOpen
                    || current instanceof HeldClosed
                    || current instanceof Disabled) {
                return;
            }
            long now = ticker.nanoTime();
            switch (state) {
                case CLOSED -> {
                    if (current.fleetPhase()) {
                        change(current, closed(now));
                    }
                }
                case OPEN -> {
                    if (!(current instanceof FleetOpen open && open.epoch == epoch)) {
                        change(current, new FleetOpen(now, epoch, remainingNanos));
                    }
                }
                case HALF_OPEN -> {
                    if (current instanceof FleetHalfOpen trial && trial.trials.epoch == epoch) {
                        trial.trials.grant(probesGranted);
                    } else if (current.fleetPhase()
                            || current instanceof Open
                            || current instanceof HalfOpen) {
                        fleetTrials = new FleetTrials(epoch, probesGranted);
                        change(current, new FleetHalfOpen(now, fleetTrials));
                    }
                }
                case HELD_OPEN, HELD_CLOSED -> {
                    if (current instanceof FleetHeld held && held.state == state) {
                        held.lengthNanos = now - held.since + remainingNanos;
                    } else {
                        change(current, new FleetHeld(now, state, remainingNanos));
                    }
                }
                default ->
                        throw new IllegalArgumentException(
                                "a fleet cannot report the state " + state);
            }
        } finally {
            changes.unlock();
        }
    }

    /**
     * Leaves the fleet's open and half-open phases for their local equivalents, the open delay keeping its end, when
     * the member has lost the fleet's store; a fleet hold stays until its expiry.
     */
    void leaveFleet() {
        changes.lock();
        try {
            Phase current = current();
            if (current instanceof FleetOpen open) {
                change(open, new Open(open.since, open.delayNanos));
            } else if (current instanceof FleetHalfOpen trial) {
                change(trial, new HalfOpen(ticker.nanoTime()));
            }
        } finally {
            changes.unlock();
        }
    }

    /**
     * @return the trials of the last fleet-wide half-open period the member applied, for it to report their
     *         outcomes; {@code null} before the first
     */
    FleetTrials fleetTrials() {
        changes.lock();
        try {
            return fleetTrials;
        } finally {
            changes.unlock();
        }
    }

    /** @return whether the breaker refuses calls for the fleet (open, or half-open with its leases taken) */
    boolean refusingForFleet() {
        Phase current = current();
        return current instanceof FleetOpen || current instanceof FleetHalfOpen;
    }

    /** The new phase begins when the lock is held, so that it cannot begin before the phase it replaces. */
    private void force(LongFunction<Phase> beginning) {
        changes.lock();
        try {
            Phase next = beginning.apply(ticker.nanoTime());
            left(phase.getAndSet(next), next);
        } finally {
            changes.unlock();
        }
    }

    /** Makes the change unless another one came first; losers of a race skip the lock. */
    private void change(Phase from, Phase to) {
        if (phase.get() != from) {
            return;
        }
        changes.lock();
        try {
            if (phase.compareAndSet(from, to)) {
                left(from, to);
            }
        } finally {
            changes.unlock();
        }
    }

    /** Called with {@link #changes} held, so the time accounting and the listener see the changes in order. */
    private void left(Phase from, Phase to) {
        nanosSpent[from.state().ordinal()] += Math.max(0, to.since - from.since);
        if (from instanceof HalfOpen && to instanceof Open && maxHalfOpenNanos > 0) {
            creditSkippedOpenDelays(to.since - from.since);
        }
        from.cancelTimer();
        if (to instanceof Open open && open.delayNanos > 0) {
            schedule(to, open.delayNanos);
        }
        if (to instanceof HalfOpen && maxHalfOpenNanos > 0) {
            schedule(to, Math.max(0, to.since + maxHalfOpenNanos - ticker.nanoTime()));
        }
        if (from.state() != to.state()) {
            if (refusing(to.state()) && !refusing(from.state())) {
                counters.recordOpening();
            }
            listener.onStateChange(new BreakerStateChange(name, from.state(), to.state()));
        }
    }

    private static boolean refusing(BreakerState state) {
        return state == BreakerState.OPEN || state == BreakerState.HELD_OPEN;
    }

    /**
     * A half-open stay that opened again after an idle stretch (no timer, no look) counts whole cycles of half-open
     * limit and open delay it skipped as half-open; the open delays among them belong to open.
     */
    private void creditSkippedOpenDelays(long halfOpenStay) {
        long cycle = SaturatedMath.add(maxHalfOpenNanos, policy.delayNanos());
        long skippedDelays =
                Math.max(0, halfOpenStay - maxHalfOpenNanos) / cycle * policy.delayNanos();
        nanosSpent[BreakerState.HALF_OPEN.ordinal()] -= skippedDelays;
        nanosSpent[BreakerState.OPEN.ordinal()] += skippedDelays;
    }

    /** Has the timer, if any, apply the rule of {@link #current()} when the phase's time is up. */
    private void schedule(Phase timed, long delayNanos) {
        if (timers == null) {
            return;
        }
        try {
            timed.timer =
                    timers.timer()
                            .schedule(
                                    () -> {
                                        current();
                                    },
                                    delayNanos,
                                    TimeUnit.NANOSECONDS);
        } catch (IllegalStateException | RejectedExecutionException closed) {
            // The pools are closed: the container is stopping. Nothing is lost: the first call or
            // look at the
            // breaker after the delay makes the change, as for a breaker without a timer.
        }
    }

    /** Proof of admission, handed back with the call's outcome. */
    public sealed interface Permit permits Phase {}

    private abstract static sealed class Phase implements Permit
            permits Closed,
                    Measured,
                    Open,
                    HeldOpen,
                    HalfOpen,
                    HeldClosed,
                    Disabled,
                    FleetOpen,
                    FleetHalfOpen,
                    FleetHeld {
        /** When this phase began, on the breaker's ticker. */
        final long since;

        /** The timer task that ends the phase (open delay, limited half-open stay), if any; guarded by the lock. */
        ScheduledFuture<?> timer;

        Phase(long since) {
            this.since = since;
        }

        abstract BreakerState state();

        /** @return whether the fleet put this phase in place */
        boolean fleetPhase() {
            return false;
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
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
        BreakerState state() {
            return BreakerState.CLOSED;
        }
    }

    /** The closed phase with options beyond the spec: its window also counts slow calls, or spans seconds. */
    private static final class Measured extends Phase {
        private final OutcomeWindow window;

        Measured(OutcomeWindow window, long since) {
            super(since);
            this.window = window;
        }

        @Override
        BreakerState state() {
            return BreakerState.CLOSED;
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
        BreakerState state() {
            return BreakerState.OPEN;
        }
    }

    private static final class HeldOpen extends Phase {
        HeldOpen(long since) {
            super(since);
        }

        @Override
        BreakerState state() {
            return BreakerState.HELD_OPEN;
        }
    }

    private static final class HeldClosed extends Phase {
        HeldClosed(long since) {
            super(since);
        }

        @Override
        BreakerState state() {
            return BreakerState.HELD_CLOSED;
        }
    }

    private static final class Disabled extends Phase {
        Disabled(long since) {
            super(since);
        }

        @Override
        BreakerState state() {
            return BreakerState.DISABLED;
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
        BreakerState state() {
            return BreakerState.HALF_OPEN;
        }
    }

    /** Open for the whole fleet, for what was left of the delay when the fleet's store told (on this clock). */
    private static final class FleetOpen extends Phase {
        private final long epoch;
        private final long delayNanos;

        FleetOpen(long since, long epoch, long delayNanos) {
            super(since);
            this.epoch = epoch;
            this.delayNanos = delayNanos;
        }

        @Override
        BreakerState state() {
            return BreakerState.OPEN;
        }

        @Override
        boolean fleetPhase() {
            return true;
        }
    }

    /** Half-open for the whole fleet: trial calls only against the probe leases granted to this instance. */
    private static final class FleetHalfOpen extends Phase {
        private final FleetTrials trials;

        FleetHalfOpen(long since, FleetTrials trials) {
            super(since);
            this.trials = trials;
        }

        @Override
        BreakerState state() {
            return BreakerState.HALF_OPEN;
        }

        @Override
        boolean fleetPhase() {
            return true;
        }
    }

    /** Held open or closed by an operator for the whole fleet, until the hold's expiry at the latest. */
    private static final class FleetHeld extends Phase {
        private final BreakerState state;

        /** How long after {@code since} the hold ends; moved by the member when the operator holds again. */
        private volatile long lengthNanos;

        FleetHeld(long since, BreakerState state, long lengthNanos) {
            super(since);
            this.state = state;
            this.lengthNanos = lengthNanos;
        }

        @Override
        BreakerState state() {
            return state;
        }

        @Override
        boolean fleetPhase() {
            return true;
        }
    }
}
