package dev.breakwater.core;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.FleetBreakerSnapshot;
import dev.breakwater.api.FleetRateLimiterSnapshot;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetRules;
import dev.breakwater.core.fleet.FleetUnavailableException;
import dev.breakwater.core.fleet.FleetView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One instance's membership of a fleet: the background side of fleet mode. Circuit breakers join it when they are
 * built ({@link CircuitBreakerBuilder#fleet(FleetMember)}); their calls go on reading local state and bumping local
 * counters only. The member's one thread ({@code breakwater-fleet-<instance>}, a daemon) exchanges with the fleet's
 * {@link FleetBackend} every flush interval, in one round trip for all its breakers: it reports each breaker's calls
 * and failures since the previous exchange, its probe outcomes and the probe leases it wants, and puts the fleet's
 * answer in place (open, half-open with leases, closed, held). The backend's announcements of changes wake it early;
 * the exchange at every interval is the safety net that catches up whatever an announcement missed.
 *
 * <p>After {@link FleetMemberBuilder#fallbackAfterFailures(int) a number} of failed exchanges in a row (the store
 * down, slow or unreachable; each failure ends within the backend's timeout), every breaker of the member leaves the
 * fleet's phases for their local equivalents and goes on alone, on its own window, as without fleet mode; it keeps
 * trying at every interval and rejoins on the first answer. A view that breaks the breaker's rules (corrupt or
 * hostile data in the store) is refused and that breaker goes on alone until a valid one arrives.
 *
 * <p>Rate limiters join it too ({@link RateLimiterBuilder#fleet(String, FleetMember)}): the same exchange takes
 * each one's lease of tokens from the fleet's window (see {@link FleetRateLimiter}), and they go on alone with the
 * breakers.
 *
 * <p>Nothing ends the thread but {@link #close()}: an exchange that fails in an unexpected way (a bug, an
 * {@link Error} such as a class missing) is logged naming the member and counted as a failed exchange, and a
 * breaker's listener that throws is logged naming the breaker, the other breakers going on.
 *
 * <p>{@link #close()} stops the thread, returns every breaker to its local state and closes the backend.
 */
public final class FleetMember implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FleetMember.class.getName());

    /** The shortest pause between two exchanges, so that a flood of announcements cannot make the member spin. */
    private static final long MIN_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final FleetBackend backend;
    private final String instance;
    private final long flushNanos;
    private final int quorum;
    private final long windowMillis;
    private final long probeLeaseMillis;
    private final int fallbackAfterFailures;
    private final long maxHoldMillis;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final FleetLeases leases;
    private final AtomicLong exchanges = new AtomicLong();
    private final AtomicLong failedExchanges = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong refusedViews = new AtomicLong();

    /** Written by the exchanging thread only; read by snapshots too. */
    private volatile int failuresInARow;

    /** {@link System#nanoTime()} at the last successful exchange; meaningful once {@link #exchanges} is above 0. */
    private volatile long lastExchangeNanos;

    private volatile boolean local;
    private volatile boolean woken;
    private volatile boolean closed;
    private volatile long serverMillis;
    private volatile Thread thread;

    FleetMember(
            FleetBackend backend,
            String instance,
            long flushNanos,
            int quorum,
            long windowMillis,
            long probeLeaseMillis,
            int fallbackAfterFailures,
            long maxHoldMillis) {
        this.backend = backend;
        this.instance = instance;
        this.flushNanos = flushNanos;
        this.quorum = quorum;
        this.windowMillis = windowMillis;
        this.probeLeaseMillis = probeLeaseMillis;
        this.fallbackAfterFailures = fallbackAfterFailures;
        this.maxHoldMillis = maxHoldMillis;
        this.leases =
                new FleetLeases(
                        instance,
                        TimeUnit.NANOSECONDS.toMillis(flushNanos),
                        windowMillis,
                        refusedViews);
    }

    /**
     * @param backend the fleet's store, closed with the member
     * @return a builder of a member with the defaults: a flush every 200 ms, a quorum of 2, a fleet window of 10 s,
     *         half-open periods decided within 5 s, local after 3 failed exchanges in a row, holds of at most 1 day
     */
    public static FleetMemberBuilder builder(FleetBackend backend) {
        return new FleetMemberBuilder(backend);
    }

    /** Starts the member's thread and subscribes to the backend's announcements. */
    void start() {
        backend.onTransition(this::wakeUp);
        Thread started = new Thread(this::run, "breakwater-fleet-" + instance);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** @return this instance's identifier in the fleet */
    public String instance() {
        return instance;
    }

    /** @return whether the member has lost the fleet's store, its breakers going on alone */
    public boolean local() {
        return local;
    }

    /** @return the exchanges that succeeded */
    public long exchanges() {
        return exchanges.get();
    }

    /** @return the exchanges that failed (the store down, slow, unreachable, or answering garbage) */
    public long failedExchanges() {
        return failedExchanges.get();
    }

    /** @return how often the member fell back to local breakers */
    public long fallbacks() {
        return fallbacks.get();
    }

    /** @return fleet views and leases refused because they broke their breaker's rules or limiter's request */
    public long refusedViews() {
        return refusedViews.get();
    }

    /** @return the fleet's failed exchanges in a row after which this member's breakers go on alone */
    public int fallbackAfterFailures() {
        return fallbackAfterFailures;
    }

    /** @return the store's clock at the last successful exchange, in milliseconds since the epoch; 0 before */
    public long serverTimeMillis() {
        return serverMillis;
    }

    /**
     * @param breaker a breaker's name
     * @return the fleet's last valid view of the breaker, if it is a member's and has had one
     */
    public Optional<FleetView> view(String breaker) {
        for (Member member : members) {
            if (member.breaker.name().equals(breaker)) {
                return Optional.ofNullable(member.view);
            }
        }
        return Optional.empty();
    }

    /**
     * Holds a breaker open or closed for the whole fleet, on every instance whose breaker of that name is in fleet
     * mode, until {@link #release(String)} or the expiry on the store's clock. Each instance applies it at its next
     * exchange; a local hold of an instance ({@link CircuitBreaker#holdOpen()}) wins over it there.
     *
     * @param breaker the breaker's name
     * @param state {@link BreakerState#HELD_OPEN} or {@link BreakerState#HELD_CLOSED}
     * @param expiry how long the hold lasts; more than 0, at most the member's {@code maxHold}
     * @throws IllegalArgumentException for another state or an expiry out of range
     * @throws dev.breakwater.core.fleet.FleetUnavailableException when the store did not take it
     */
    public void hold(String breaker, BreakerState state, Duration expiry) {
        Objects.requireNonNull(breaker, "breaker");
        if (!FleetBackend.holdable(state)
                || expiry.isNegative()
                || expiry.isZero()
                || expiry.compareTo(Duration.ofMillis(maxHoldMillis)) > 0) {
            throw new IllegalArgumentException(
                    "fleet hold of circuit breaker '"
                            + breaker
                            + "': hold("
                            + state
                            + ", "
                            + expiry
                            + ") is invalid; allowed: HELD_OPEN or HELD_CLOSED, for more than 0 and at most "
                            + Duration.ofMillis(maxHoldMillis)
                            + " (the member's maxHold)");
        }
        backend.hold(breaker, state, expiry);
        wakeUp();
    }

    /**
     * Ends a fleet hold, leaving the breaker closed with an empty window everywhere.
     *
     * @param breaker the breaker's name
     * @throws dev.breakwater.core.fleet.FleetUnavailableException when the store did not take it
     */
    public void release(String breaker) {
        backend.release(Objects.requireNonNull(breaker, "breaker"));
        wakeUp();
    }

    /**
     * Puts a breaker built without {@link CircuitBreakerBuilder#fleet(FleetMember)} in fleet mode, as that option
     * does: for integrations that build breakers from annotations and read which join the fleet from config. Its
     * calls are reported from the next exchange on.
     *
     * @param breaker the breaker
     * @throws IllegalStateException if the member is closed or has a breaker of that name already
     */
    public synchronized void join(CircuitBreaker breaker) {
        if (closed) {
            throw new IllegalStateException(
                    "circuit breaker '"
                            + breaker.name()
                            + "' cannot join fleet member '"
                            + instance
                            + "': it is closed");
        }
        for (Member member : members) {
            if (member.breaker.name().equals(breaker.name())) {
                throw new IllegalStateException(
                        "circuit breaker '"
                                + breaker.name()
                                + "' cannot join fleet member '"
                                + instance
                                + "': a breaker of that name is a member already; allowed: one breaker per name");
            }
        }
        members.add(new Member(breaker, rules(breaker.policy())));
        breaker.joinedFleet(this);
    }

    /**
     * @param breaker a breaker of this member
     * @return the fleet's part of its snapshot: whether it follows the fleet and the fleet's last valid view of it
     */
    FleetBreakerSnapshot snapshot(CircuitBreaker breaker) {
        Member found = null;
        for (Member member : members) {
            if (member.breaker == breaker) {
                found = member;
                break;
            }
        }
        FleetView view = found == null ? null : found.view;
        boolean exchanged = exchanges.get() > 0;
        return new FleetBreakerSnapshot(
                instance,
                found != null && exchanged && !local && !closed && !found.refused && view != null,
                view == null ? null : view.state(),
                view == null ? 0 : view.epoch(),
                view == null ? 0 : view.windowCalls(),
                view == null ? 0 : view.windowFailures(),
                view == null ? 0 : view.failingReporters(),
                exchanged ? Duration.ofNanos(System.nanoTime() - lastExchangeNanos) : null,
                failuresInARow);
    }

    /** Adds a rate limiter; it is leased tokens from the next exchange on. */
    synchronized void join(FleetRateLimiter limiter) {
        if (closed) {
            throw new IllegalStateException(
                    "rate limiter '"
                            + limiter.name()
                            + "' cannot join fleet member '"
                            + instance
                            + "': it is closed");
        }
        leases.join(limiter);
        limiter.joinedFleet(this);
    }

    /**
     * @param limiter a rate limiter of this member
     * @return the fleet's part of its snapshot: whether it spends the fleet's leases now and what it holds of them
     */
    FleetRateLimiterSnapshot snapshot(FleetRateLimiter limiter) {
        boolean exchanged = exchanges.get() > 0;
        int instances = leases.instances(limiter);
        long now = limiter.now();
        return new FleetRateLimiterSnapshot(
                instance,
                exchanged && !local && !closed && limiter.inFleet(),
                instances,
                Math.max(1, limiter.policy().limit() / instances),
                leases.windowGranted(limiter),
                limiter.tokensNow(now),
                limiter.tokensNext(),
                exchanged ? Duration.ofNanos(System.nanoTime() - lastExchangeNanos) : null,
                failuresInARow);
    }

    private FleetRules rules(CircuitBreakerPolicy policy) {
        CircuitBreakerOptions options = policy.options();
        boolean timeBased = options.windowNanos() > 0;
        return new FleetRules(
                timeBased ? options.minimumCalls() : policy.requestVolumeThreshold(),
                policy.failureRatio(),
                quorum,
                timeBased ? TimeUnit.NANOSECONDS.toMillis(options.windowNanos()) : windowMillis,
                millisUp(policy.delayNanos()),
                policy.successThreshold(),
                probeLeaseMillis);
    }

    private static long millisUp(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        return TimeUnit.MILLISECONDS.toNanos(millis) < nanos ? millis + 1 : millis;
    }

    /** Asks for an exchange now rather than at the end of the interval. */
    private void wakeUp() {
        woken = true;
        Thread waiting = thread;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    private void run() {
        while (!closed) {
            long started = System.nanoTime();
            woken = false;
            try {
                round();
            } catch (Throwable unexpected) {
                // A bug of ours or an Error (a class missing, memory short) outside the
                // exchange itself: the thread must outlive it, or fleet mode would stop without
                // a word while breakers sat in the fleet's phases; counted as a failed exchange,
                // so the breakers go local if it persists.
                failed(unexpected);
            }
            waitUntil(started + flushNanos, started + MIN_SPACING_NANOS);
        }
    }

    private void waitUntil(long nextFlush, long earliest) {
        while (!closed) {
            long now = System.nanoTime();
            long until = woken ? earliest : nextFlush;
            if (now - until >= 0) {
                return;
            }
            LockSupport.parkNanos(this, until - now);
        }
    }

    /** One exchange with the store for every breaker; on the member's thread (or a test's). */
    void round() {
        List<Member> current = List.copyOf(members);
        List<FleetReport> reports = new ArrayList<>(current.size());
        for (Member member : current) {
            reports.add(member.report());
        }
        List<FleetLeases.Entry> limiters = leases.current();
        List<FleetLeaseRequest> requests = FleetLeases.requests(limiters);
        FleetReply reply;
        try {
            reply = backend.exchange(instance, reports, requests);
            if (reply.views().size() != reports.size()
                    || reply.leases().size() != requests.size()) {
                throw new IllegalStateException(
                        "the fleet's store answered "
                                + reply.views().size()
                                + " views to "
                                + reports.size()
                                + " reports and "
                                + reply.leases().size()
                                + " leases to "
                                + requests.size()
                                + " requests");
            }
        } catch (Throwable failure) {
            failed(failure);
            return;
        }
        lastExchangeNanos = System.nanoTime();
        exchanges.incrementAndGet();
        failuresInARow = 0;
        serverMillis = reply.serverMillis();
        if (local) {
            local = false;
            LOG.log(
                    System.Logger.Level.INFO,
                    "fleet member "
                            + instance
                            + " reached the fleet's store again; its "
                            + "circuit breakers follow the fleet");
        }
        for (int i = 0; i < current.size(); i++) {
            Member member = current.get(i);
            try {
                member.apply(reply.views().get(i));
            } catch (Throwable listenerFailure) {
                // A breaker's listener threw while told of the change (which is made): the
                // other breakers and the next exchanges must not suffer for it.
                listenerFailed(member.breaker, "a change of state the fleet made", listenerFailure);
            }
        }
        for (int i = 0; i < limiters.size(); i++) {
            limiters.get(i).apply(reply.leases().get(i));
        }
    }

    private void failed(Throwable failure) {
        failedExchanges.incrementAndGet();
        failuresInARow++;
        if (failuresInARow == 1 && !(failure instanceof FleetUnavailableException)) {
            // The store being unreachable is expected and told at the fallback; anything else
            // is a bug or an Error that an operator must see at once, once per run of failures.
            LOG.log(
                    System.Logger.Level.ERROR,
                    "fleet member "
                            + instance
                            + ": an exchange failed unexpectedly; counted as a failed exchange, the member goes on"
                            + " (its circuit breakers go on alone if it keeps failing): "
                            + failure,
                    failure);
        }
        if (!local && failuresInARow >= fallbackAfterFailures) {
            local = true;
            fallbacks.incrementAndGet();
            leaveFleet();
            LOG.log(
                    System.Logger.Level.WARNING,
                    "fleet member "
                            + instance
                            + " failed "
                            + failuresInARow
                            + " exchanges in a row; its circuit breakers go on alone until the fleet's store answers again: "
                            + failure,
                    failure);
        }
    }

    /** Returns every breaker and rate limiter to its local state; a listener that throws stops none of the others. */
    private void leaveFleet() {
        for (Member member : members) {
            try {
                member.breaker.leaveFleet();
            } catch (Throwable listenerFailure) {
                listenerFailed(member.breaker, "leaving the fleet's phases", listenerFailure);
                // The listener was told of a change that is made (an open delay's end), which
                // interrupted the leaving: once more finishes it without that change, so the
                // breaker is not left in a fleet phase.
                try {
                    member.breaker.leaveFleet();
                } catch (Throwable again) {
                    listenerFailed(member.breaker, "leaving the fleet's phases", again);
                }
            }
        }
        leases.leaveFleet();
    }

    private void listenerFailed(CircuitBreaker breaker, String when, Throwable failure) {
        LOG.log(
                System.Logger.Level.WARNING,
                "fleet member "
                        + instance
                        + ": a listener of circuit breaker '"
                        + breaker.name()
                        + "' failed on "
                        + when
                        + " (the change is made; the other breakers and the next exchanges go on): "
                        + failure,
                failure);
    }

    /** Stops the thread, returns every breaker to its local state and closes the backend. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        leaveFleet();
        backend.close();
    }

    /** A breaker of the member, with what it reported so far; read and written by the exchanging thread. */
    private final class Member {
        private final CircuitBreaker breaker;
        private final FleetRules rules;
        private long succeeded;
        private long failed;
        private long rejected;
        private long epoch;
        private boolean warned;
        private volatile boolean refused;
        private volatile FleetView view;

        Member(CircuitBreaker breaker, FleetRules rules) {
            this.breaker = breaker;
            this.rules = rules;
            CircuitBreakerCounters counters = breaker.counters();
            this.succeeded = counters.succeeded();
            this.failed = counters.failed();
            this.rejected = counters.rejected();
        }

        /** Counts since the previous report; cleared counters (a reset) count from zero. */
        FleetReport report() {
            CircuitBreakerCounters counters = breaker.counters();
            long newSucceeded = counters.succeeded();
            long newFailed = counters.failed();
            long newRejected = counters.rejected();
            long successes = since(newSucceeded, succeeded);
            long failures = since(newFailed, failed);
            long refusals = since(newRejected, rejected);
            succeeded = newSucceeded;
            failed = newFailed;
            rejected = newRejected;
            FleetTrials trials = breaker.fleetTrials();
            long trialEpoch = trials == null ? epoch : trials.epoch;
            int probeSuccesses = trials == null ? 0 : trials.reportSuccesses();
            int probeFailures = trials == null ? 0 : trials.reportFailures();
            int wanted =
                    !local && refusals > 0 && breaker.refusingForFleet()
                            ? (int) Math.min(refusals, rules.successThreshold())
                            : 0;
            return new FleetReport(
                    breaker.name(),
                    rules,
                    successes + failures,
                    failures,
                    trialEpoch,
                    probeSuccesses,
                    probeFailures,
                    wanted);
        }

        private static long since(long now, long before) {
            return now >= before ? now - before : now;
        }

        void apply(FleetView next) {
            String wrong = wrong(next);
            if (wrong != null) {
                refusedViews.incrementAndGet();
                refused = true;
                breaker.leaveFleet();
                if (!warned) {
                    warned = true;
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "fleet member "
                                    + instance
                                    + " refused the fleet's view of"
                                    + " circuit breaker '"
                                    + breaker.name()
                                    + "' ("
                                    + next
                                    + "): "
                                    + wrong
                                    + "; the breaker"
                                    + " goes on alone until a valid view arrives");
                }
                return;
            }
            warned = false;
            refused = false;
            view = next;
            epoch = next.epoch();
            breaker.applyFleet(
                    next.state(),
                    next.epoch(),
                    TimeUnit.MILLISECONDS.toNanos(next.remainingMillis()),
                    next.probesGranted());
        }

        /** @return what breaks the breaker's rules in a view, or {@code null} when it is valid */
        private String wrong(FleetView next) {
            long longest =
                    switch (next.state()) {
                        case CLOSED -> 0;
                        case OPEN -> rules.delayMillis();
                        case HALF_OPEN -> rules.probeLeaseMillis();
                        case HELD_OPEN, HELD_CLOSED -> maxHoldMillis;
                        case DISABLED -> -1;
                    };
            if (longest < 0) {
                return "a fleet's breaker is never DISABLED";
            }
            if (next.epoch() < 0) {
                return "the epoch is negative";
            }
            if (next.remainingMillis() < 0 || next.remainingMillis() > longest) {
                return "the time remaining in "
                        + next.state()
                        + " is outside 0 to "
                        + longest
                        + " ms";
            }
            int most = next.state() == BreakerState.HALF_OPEN ? rules.successThreshold() : 0;
            if (next.probesGranted() < 0 || next.probesGranted() > most) {
                return "the probes granted are outside 0 to " + most;
            }
            if (next.windowCalls() < 0
                    || next.windowFailures() < 0
                    || next.windowFailures() > next.windowCalls()
                    || next.failingReporters() < 0) {
                return "the window's counts are inconsistent";
            }
            return null;
        }
    }
}
