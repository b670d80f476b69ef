package dev.breakwater.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fixed windows, counted from the limiter's creation. The current window's number and its attempts so far are
 * packed into one long and updated with one compare-and-set: the attempts in the low bits (just enough for the
 * limit; the count stops there, so refusals beyond the limit write nothing), the window number in the rest.
 *
 * <p>A caller whose clock reading is older than the window already recorded counts in that newer window, so no
 * window ever admits more than the limit. Window numbers are kept modulo 2<sup>k</sup>, k being 64 minus the bits
 * of the limit (at least 33), so the current window is told apart from the recorded one as long as fewer than
 * 2<sup>k-1</sup> windows separate them: centuries of 1 ms windows for limits up to a million, and still 49 days
 * of 1 ms windows at the largest limit an annotation can give.
 *
 * <p>That compare-and-set is also the count of admitted calls: a window's count is exactly the attempts it
 * admitted, except those the minimum spacing refused (counted apart, on the refusal path). The caller that moves
 * the word to a new window adds the old window's count to the earlier windows' total, once a window. So an
 * admitted call costs one atomic instruction, on a word alone on its cache lines ({@link PaddedLong}).
 *
 * <p>Two callers writing that word on every call pass its cache line back and forth between their cores, and the
 * wait for the line costs more than the rest of the call. So from the first compare-and-set lost to another caller
 * on, the word counts tokens taken rather than calls: far from the limit a caller takes a batch of tokens into its
 * thread's stripe and spends them there, near it one token at a time, and a caller who finds the word at the limit
 * spends a token left on any stripe before it is refused ({@link WindowLeases}: no window admits more than the limit,
 * and none refuses while a token of it is unspent). The admitted calls are then the tokens taken less those not
 * spent.
 */
final class FixedWindowRateLimiter extends RateLimiter {

    private static final VarHandle LATEST_WINDOW;
    private static final VarHandle LEASES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LATEST_WINDOW =
                    lookup.findVarHandle(FixedWindowRateLimiter.class, "latestWindow", long.class);
            LEASES =
                    lookup.findVarHandle(
                            FixedWindowRateLimiter.class, "leases", WindowLeases.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int limit;
    private final long windowNanos;
    private final int countBits;
    private final long countMask;
    private final PaddedLong windowAndCount = new PaddedLong(0);
    private final MinSpacing spacing;

    /** Attempts admitted in windows before the one the word holds. */
    private final AtomicLong earlierWindows = new AtomicLong();

    /** Attempts counted in a window's count that the minimum spacing refused. */
    private final LongAdder spacedOut = new LongAdder();

    private final AtomicLong highestAdmitted = new AtomicLong();

    private final int stripeCount;

    /** Null until two callers first meet on the window's word. */
    private volatile WindowLeases leases;

    /**
     * The window of a recent decision, so that most calls find their window without a division. Read and written
     * opaquely (atomic, unordered): a stale value is checked against the clock before it is used.
     */
    private long latestWindow;

    FixedWindowRateLimiter(RateLimitPolicy policy, Ticker ticker) {
        this(policy, ticker, ticker.nanoTime());
    }

    /** @param origin the ticker's reading windows are counted from (a fleet's window boundary); not after now */
    FixedWindowRateLimiter(RateLimitPolicy policy, Ticker ticker, long origin) {
        this(policy, ticker, origin, WindowLeases.DEFAULT_STRIPES);
    }

    /** @param stripeCount how many stripes leases are spread over once callers contend, a power of two */
    FixedWindowRateLimiter(RateLimitPolicy policy, Ticker ticker, long origin, int stripeCount) {
        super(policy, ticker, origin);
        this.stripeCount = stripeCount;
        this.limit = policy.limit();
        this.windowNanos = policy.windowNanos();
        this.countBits = Long.SIZE - Long.numberOfLeadingZeros(limit);
        this.countMask = (1L << countBits) - 1;
        this.spacing =
                policy.minSpacingNanos() == 0 ? null : new MinSpacing(policy.minSpacingNanos());
    }

    @Override
    long decide() {
        long now = elapsed();
        long spacingWait = spacing == null ? 0 : spacing.record(now);
        if (spacingWait > 0) {
            // Counted before the window's count takes the attempt, so a reading never counts it as
            // admitted.
            spacedOut.increment();
        }
        long window = windowOf(now);
        WindowLeases leases = this.leases;
        if (leases != null && leases.spendOwn(window)) {
            return spacingWait;
        }
        while (true) {
            long current = windowAndCount.get();
            long ahead = ((current & ~countMask) - (window << countBits)) >> countBits;
            long countedIn = ahead > 0 ? window + ahead : window;
            long counted = ahead < 0 ? 0 : current & countMask;
            if (counted >= limit) {
                // Read after the word: leases taken before the word reached the limit are seen.
                leases = this.leases;
                if (leases != null) {
                    if (leases.grantsInFlight()) {
                        // A few instructions of another caller away, unless that caller lost
                        // its core right there: let it have one.
                        Thread.yield();
                        continue;
                    }
                    if (leases.spendAny(countedIn)) {
                        return spacingWait;
                    }
                }
                if (spacingWait > 0) {
                    spacedOut.decrement();
                }
                return (countedIn - window + 1) * windowNanos - now % windowNanos;
            }
            long batch = leases == null ? 1 : leases.batchFor(limit - counted);
            if (batch > 1) {
                leases.grantStarting(batch);
            }
            if (windowAndCount.compareAndSet(
                    current, (countedIn << countBits) | (counted + batch))) {
                if (ahead < 0) {
                    earlierWindows.addAndGet(current & countMask);
                }
                if (batch > 1) {
                    leases.deposit(countedIn, batch - 1);
                    leases.grantLanded(batch);
                }
                return spacingWait;
            }
            if (batch > 1) {
                leases.grantLanded(batch);
            }
            if (leases == null) {
                leases = startLeasing();
            }
        }
    }

    /**
     * From the first compare-and-set lost to another caller on, callers spend tokens leased to their thread's
     * stripe, so that an uncontended limiter keeps one word and contended callers stop writing it on every call.
     *
     * @return the leases every caller uses from now on
     */
    WindowLeases startLeasing() {
        WindowLeases created = new WindowLeases(stripeCount);
        WindowLeases witness = (WindowLeases) LEASES.compareAndExchange(this, null, created);
        return witness == null ? created : witness;
    }

    private long windowOf(long now) {
        long latest = (long) LATEST_WINDOW.getOpaque(this);
        long start = latest * windowNanos;
        if (now >= start && now - start < windowNanos) {
            return latest;
        }
        long window = now / windowNanos;
        LATEST_WINDOW.setOpaque(this, window);
        return window;
    }

    /**
     * Read in the order the counts are written (earlier windows after the word moves on, refusals by spacing before
     * the word counts them), so a reading can lag behind but never run ahead; the highest reading is kept, so a
     * lagging one does not go back.
     */
    @Override
    long admitted() {
        long earlier = earlierWindows.get();
        long inWindow = windowAndCount.get() & countMask;
        WindowLeases leases = this.leases;
        long unspent = leases == null ? 0 : leases.unspent();
        long reading = earlier + inWindow - unspent - spacedOut.sum();
        return highestAdmitted.accumulateAndGet(reading, Math::max);
    }

    @Override
    public int permitsLeft() {
        long window = elapsed() / windowNanos;
        long current = windowAndCount.get();
        long ahead = ((current & ~countMask) - (window << countBits)) >> countBits;
        long counted = ahead < 0 ? 0 : current & countMask;
        WindowLeases leases = this.leases;
        long held = leases == null || ahead < 0 ? 0 : leases.heldIn(window + ahead);
        return (int) Math.min(limit, limit - counted + held);
    }
}
