package dev.breakwater.core;

import dev.breakwater.api.FleetRateLimiterSnapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-window rate limiter whose limit is the fleet's: {@code limit} calls per window across every instance of the
 * application (see {@link FleetMember}). A call spends one token of a lease its member took from the fleet's window
 * in the background: one compare-and-set, no network, no allocation; with no token left it is refused at once, never
 * waiting for the store. Each lease is valid only inside its own window as this instance's clock measures it from
 * the exchange that granted it (starting no earlier, ending no later than the fleet's window), so the calls admitted
 * fleet-wide in a window never exceed the tokens that window granted, which never exceed the limit.
 *
 * <p>When the member loses the store (or refuses what it answered), the limiter goes on alone with a local fixed
 * window of {@code limit / N} calls, N being the instances the fleet last reported (at least 1), its windows on the
 * fleet's boundaries as the last lease placed them, and comes back to its leases at the first valid answer.
 */
final class FleetRateLimiter extends RateLimiter {

    /** No lease: no token, no window. */
    private static final Lease NONE = new Lease(-1, 0, 0, 0);

    private final String name;
    private final Ticker ticker;
    private final MinSpacing spacing;

    /** The lease of the window in force, and the next window's, taken ahead; replaced by the member only. */
    private volatile Lease current = NONE;

    private volatile Lease next = NONE;

    /** The member the limiter joined; set once, before its first lease. */
    private volatile FleetMember member;

    /** The local limiter while the fleet is out of reach, else {@code null}. */
    private volatile RateLimiter alone;

    /** The end of the last fleet window leased, on this limiter's clock: a boundary of the fleet's windows. */
    private long boundary;

    private boolean leased;

    /** Calls admitted by spending leased tokens. */
    private final LongAdder admittedWithLeases = new LongAdder();

    /** Calls admitted by earlier local limiters; written by the member only, before it drops one. */
    private volatile long admittedAlone;

    /** The highest count read, so that readings racing the member's switch never go down. */
    private final AtomicLong highestReading = new AtomicLong();

    FleetRateLimiter(String name, RateLimitPolicy policy, Ticker ticker) {
        super(policy, ticker);
        this.name = name;
        this.ticker = ticker;
        this.spacing =
                policy.minSpacingNanos() == 0 ? null : new MinSpacing(policy.minSpacingNanos());
    }

    /** @return the limiter's name, the same on every instance of the fleet */
    String name() {
        return name;
    }

    @Override
    long decide() {
        RateLimiter local = alone;
        if (local != null) {
            return local.decide();
        }
        long now = elapsed();
        Lease lease = current;
        if (!lease.take(now)) {
            Lease upcoming = next;
            if (!upcoming.take(now)) {
                long until = now - upcoming.start < 0 ? upcoming.start : lease.end;
                return until - now > 0 ? until - now : policy().windowNanos();
            }
        }
        long wait = spacing == null ? 0 : spacing.record(now);
        if (wait == 0) {
            admittedWithLeases.increment();
        }
        return wait;
    }

    @Override
    long admitted() {
        // The member adds a local limiter's count before it drops the limiter: read in the other
        // order, a switch in
        // between can only make this reading short, which the highest reading covers.
        long earlier = admittedAlone;
        RateLimiter local = alone;
        long count = admittedWithLeases.sum() + earlier + (local == null ? 0 : local.admitted());
        return highestReading.accumulateAndGet(count, Math::max);
    }

    @Override
    public int permitsLeft() {
        RateLimiter local = alone;
        if (local != null) {
            return local.permitsLeft();
        }
        long now = elapsed();
        Lease lease = current;
        return lease.valid(now) ? (int) Math.min(Integer.MAX_VALUE, lease.tokens.get()) : 0;
    }

    @Override
    public Optional<FleetRateLimiterSnapshot> fleet() {
        FleetMember joined = member;
        return joined == null ? Optional.empty() : Optional.of(joined.snapshot(this));
    }

    /** Remembers the member the limiter joined, for its snapshots. */
    void joinedFleet(FleetMember joined) {
        this.member = joined;
    }

    /** @return nanoseconds on the limiter's own clock, as its leases are measured */
    long now() {
        return elapsed();
    }

    /** @return whether the limiter spends leases (false: it goes on alone) */
    boolean inFleet() {
        return alone == null;
    }

    /** @return the tokens left in the lease valid at {@code now} (none if it is not) */
    long tokensNow(long now) {
        Lease lease = current;
        return lease.valid(now) ? Math.max(0, lease.tokens.get()) : 0;
    }

    /** @return the tokens left in the next window's lease */
    long tokensNext() {
        return Math.max(0, next.tokens.get());
    }

    /**
     * Puts a lease in place; on the member's thread. Windows are told apart by their number on the store's clock.
     *
     * @param window the number of the window in force
     * @param granted its tokens granted now
     * @param grantedNext the next window's tokens granted now
     * @param start when the window in force may be spent from, on this limiter's clock
     * @param end when it ends, on this limiter's clock
     * @param nextStart when the next window may be spent from
     * @param nextEnd when the next window ends
     */
    void lease(
            long window,
            int granted,
            int grantedNext,
            long start,
            long end,
            long nextStart,
            long nextEnd) {
        boundary = end;
        leased = true;
        Lease inForce = current;
        if (inForce.window != window) {
            Lease upcoming = next;
            if (upcoming.window == window) {
                inForce = upcoming;
            } else {
                inForce = new Lease(window, start, end, 0);
            }
            current = inForce;
            next = NONE;
        }
        inForce.tokens.addAndGet(granted);
        RateLimiter local = alone;
        if (local != null) {
            admittedAlone += local.admitted();
        }
        if (grantedNext > 0) {
            Lease upcoming = next;
            if (upcoming.window == window + 1) {
                upcoming.tokens.addAndGet(grantedNext);
            } else {
                next = new Lease(window + 1, nextStart, nextEnd, grantedNext);
            }
        }
        alone = null;
    }

    /**
     * Goes on alone, with local windows on the fleet's boundaries as last known (so that N instances at
     * {@code limit / N} each keep to about {@code limit} per fleet window); on the member's thread.
     *
     * @param instances the instances of the fleet as last reported, at least 1
     */
    void leaveFleet(int instances) {
        if (alone == null) {
            RateLimitPolicy policy = policy();
            long now = ticker.nanoTime();
            long origin = now;
            if (leased) {
                origin = now - Math.floorMod(now - createdAt() - boundary, policy.windowNanos());
            }
            alone =
                    new FixedWindowRateLimiter(
                            new RateLimitPolicy(
                                    Math.max(1, policy.limit() / instances),
                                    policy.windowNanos(),
                                    policy.minSpacingNanos(),
                                    RateLimitType.FIXED),
                            ticker,
                            origin);
        }
    }

    /** Tokens of one window, spendable between two readings of the limiter's clock. */
    private static final class Lease {
        final long window;
        final long start;
        final long end;
        final AtomicLong tokens;

        Lease(long window, long start, long end, long tokens) {
            this.window = window;
            this.start = start;
            this.end = end;
            this.tokens = new AtomicLong(tokens);
        }

        boolean valid(long now) {
            return now - start >= 0 && now - end < 0;
        }

        /** Spends one token if the lease is valid now and has one left. */
        boolean take(long now) {
            if (!valid(now)) {
                return false;
            }
            long left = tokens.get();
            while (left > 0) {
                long seen = tokens.compareAndExchange(left, left - 1);
                if (seen == left) {
                    return true;
                }
                left = seen;
            }
            return false;
        }
    }
}
