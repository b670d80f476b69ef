package dev.breakwater.core.fleet;

import dev.breakwater.api.BreakerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The fleet's store in memory: the rules of {@link FleetBackend} (breakers and rate limiters' leases), applied under
 * one lock, for tests of fleet mode
 * without a server. Several {@link dev.breakwater.core.FleetMember}s given the same instance act as the instances of
 * one application. Its clock can be given, so that a test moves the store's time instead of waiting, and it can be
 * made {@linkplain #available(boolean) unavailable}, as a store that is down.
 */
public final class InMemoryFleetBackend implements FleetBackend {

    private final LongSupplier clock;
    private final Map<String, Breaker> breakers = new HashMap<>();
    private final Map<String, Limiter> limiters = new HashMap<>();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;
    private long exchanges;

    /** A store on the system clock. */
    public InMemoryFleetBackend() {
        this(System::currentTimeMillis);
    }

    /** @param clock the store's clock, in milliseconds */
    public InMemoryFleetBackend(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param available false to have every call fail with {@link FleetUnavailableException}, as a store that is
     *                  down; true to bring it back with what it held
     */
    public void available(boolean available) {
        this.available = available;
    }

    /** @return the exchanges the store answered */
    public synchronized long exchanges() {
        return exchanges;
    }

    @Override
    public synchronized FleetReply exchange(
            String instance, List<FleetReport> reports, List<FleetLeaseRequest> leases) {
        requireAvailable();
        exchanges++;
        long now = clock.getAsLong();
        List<FleetView> views = new ArrayList<>(reports.size());
        boolean changed = false;
        for (FleetReport report : reports) {
            Breaker breaker = breakers.computeIfAbsent(report.breaker(), name -> new Breaker());
            long epochBefore = breaker.epoch;
            views.add(breaker.exchange(instance, report, now));
            changed |= breaker.epoch != epochBefore;
        }
        if (changed) {
            callbacks.forEach(Runnable::run);
        }
        List<FleetLease> granted = new ArrayList<>(leases.size());
        for (FleetLeaseRequest request : leases) {
            granted.add(
                    limiters.computeIfAbsent(request.limiter(), name -> new Limiter())
                            .lease(instance, request, now));
        }
        return new FleetReply(now, views, granted);
    }

    @Override
    public synchronized void hold(String breaker, BreakerState state, Duration expiry) {
        FleetBackend.checkHold(breaker, state, expiry);
        requireAvailable();
        Breaker held = breakers.computeIfAbsent(breaker, name -> new Breaker());
        held.hold = state;
        held.holdUntil = clock.getAsLong() + expiry.toMillis();
        held.close();
        callbacks.forEach(Runnable::run);
    }

    @Override
    public synchronized void release(String breaker) {
        requireAvailable();
        Breaker held = breakers.get(breaker);
        if (held != null && held.hold != null) {
            held.hold = null;
            held.close();
            callbacks.forEach(Runnable::run);
        }
    }

    @Override
    public long serverTimeMillis() {
        requireAvailable();
        return clock.getAsLong();
    }

    @Override
    public void onTransition(Runnable callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
    }

    /** Nothing to release: the store's contents stay for the other members that share it. */
    @Override
    public void close() {}

    private void requireAvailable() {
        if (!available) {
            throw new FleetUnavailableException("the in-memory fleet store is unavailable", null);
        }
    }

    /** One rate limiter's shared state: the tokens granted per window, and when each instance last asked. */
    private static final class Limiter {
        private final TreeMap<Long, Integer> granted = new TreeMap<>();
        private final Map<String, Long> lastSeen = new HashMap<>();

        FleetLease lease(String instance, FleetLeaseRequest request, long now) {
            long window = Math.floorDiv(now, request.windowMillis());
            long remaining = (window + 1) * request.windowMillis() - now;
            granted.headMap(window).clear();
            lastSeen.put(instance, now);
            lastSeen.values().removeIf(seen -> seen <= now - request.presenceMillis());
            int current = take(window, request.wantedNow(), request.limit());
            int next =
                    remaining <= request.aheadMillis()
                            ? take(window + 1, request.wantedNext(), request.limit())
                            : 0;
            return new FleetLease(
                    window, current, next, remaining, lastSeen.size(), granted.get(window));
        }

        private int take(long window, int wanted, int limit) {
            int taken = granted.getOrDefault(window, 0);
            int grant = Math.max(0, Math.min(wanted, limit - taken));
            granted.put(window, taken + grant);
            return grant;
        }
    }

    /** One breaker's shared state. */
    private static final class Breaker {
        private BreakerState state = BreakerState.CLOSED;
        private long epoch;
        private long until;
        private int granted;
        private long probeSuccesses;
        private long probeFailures;
        private BreakerState hold;
        private long holdUntil;

        /** Calls and failures by second. */
        private final TreeMap<Long, long[]> window = new TreeMap<>();

        /** The last second each instance reported failures in. */
        private final Map<String, Long> failing = new HashMap<>();

        FleetView exchange(String instance, FleetReport report, long now) {
            FleetRules rules = report.rules();
            long second = Math.floorDiv(now, 1000);
            long windowSeconds = rules.windowMillis() / 1000;
            if (report.calls() > 0) {
                long[] bucket = window.computeIfAbsent(second, s -> new long[2]);
                bucket[0] += report.calls();
                bucket[1] += report.failures();
            }
            if (report.failures() > 0) {
                failing.put(instance, second);
            }
            window.headMap(second - windowSeconds, true).clear();
            failing.values().removeIf(last -> last <= second - windowSeconds);
            long calls = 0;
            long failures = 0;
            for (long[] bucket : window.values()) {
                calls += bucket[0];
                failures += bucket[1];
            }
            if (hold != null && now >= holdUntil) {
                hold = null; // placing it closed the breaker and emptied the window already
            }
            if (hold != null) {
                return new FleetView(
                        hold, epoch, holdUntil - now, 0, calls, failures, failing.size());
            }
            if (state == BreakerState.OPEN && now >= until) {
                change(BreakerState.HALF_OPEN, now + rules.probeLeaseMillis());
            }
            int grant = 0;
            if (state == BreakerState.HALF_OPEN) {
                if (report.epoch() == epoch) {
                    probeSuccesses += report.probeSuccesses();
                    probeFailures += report.probeFailures();
                }
                if (probeFailures > 0 || now >= until) {
                    change(BreakerState.OPEN, now + rules.delayMillis());
                } else if (probeSuccesses >= rules.successThreshold()) {
                    close();
                    calls = 0;
                    failures = 0;
                } else {
                    grant = Math.min(report.probesWanted(), rules.successThreshold() - granted);
                    granted += grant;
                }
            } else if (state == BreakerState.CLOSED
                    && calls >= rules.minimumCalls()
                    && failures >= rules.failuresToOpen(calls)
                    && failing.size() >= rules.quorum()) {
                change(BreakerState.OPEN, now + rules.delayMillis());
                window.clear();
                failing.clear();
                calls = 0;
                failures = 0;
            }
            long remaining = state == BreakerState.CLOSED ? 0 : Math.max(0, until - now);
            return new FleetView(state, epoch, remaining, grant, calls, failures, failing.size());
        }

        void close() {
            change(BreakerState.CLOSED, 0);
            window.clear();
            failing.clear();
        }

        private void change(BreakerState next, long nextUntil) {
            state = next;
            until = nextUntil;
            epoch++;
            granted = 0;
            probeSuccesses = 0;
            probeFailures = 0;
        }
    }
}
