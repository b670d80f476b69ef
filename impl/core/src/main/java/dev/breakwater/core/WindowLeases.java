package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens of a fixed window taken from its count in batches and spent by one thread stripe each, so that callers on
 * different threads, far from the limit, each write a cache line of their own instead of the window's word.
 *
 * <p>Each stripe is one word, alone on its cache lines ({@link PaddedLong}): the window its tokens belong to in the
 * high bits and the tokens left in the low 31 (a window never hands out more than the limit, an int). A stripe is
 * picked by the caller's thread id; threads that share a stripe share its word, which stays exact, only slower.
 *
 * <p>Exactness rests on three rules. Tokens are only spent in the window they were taken in: a stripe holding an
 * older window's tokens is not spent from, and whoever next fills it counts those tokens as never spent. A batch is
 * between the window's word and its stripe for a few instructions; it is announced ({@link #grantStarting}) before
 * it leaves the word and withdrawn ({@link #grantLanded}) after it reaches the stripe, so that a caller who finds
 * the window's count at the limit can tell whether every token taken is in some stripe. And once the count is at
 * the limit, stripes of that window only lose tokens: a caller who then finds no batch on its way and every stripe
 * empty has seen the window spent out, and only then is refused.
 */
final class WindowLeases {

    /** Enough stripes that the threads of a busy machine rarely share one, at 272 bytes a stripe. */
    static final int DEFAULT_STRIPES =
            Math.min(
                    64,
                    Integer.highestOneBit(2 * Runtime.getRuntime().availableProcessors() - 1) << 1);

    private static final int TOKEN_BITS = 31;
    private static final long TOKEN_MASK = (1L << TOKEN_BITS) - 1;

    /** A batch never exceeds this, so that a window's tokens do not pile up on the stripes of threads gone idle. */
    private static final long MAX_BATCH = 1024;

    /**
     * A batch is the tokens left divided by this many times the stripe count, so batches shrink as the window fills
     * and, once fewer than twice this many tokens a stripe are left, every token is taken from the word on its own.
     */
    private static final long SPREAD = 8;

    private final PaddedLong[] stripes;
    private final int stripeMask;

    /** Tokens of batches taken from the window's word and not yet in their stripe. */
    private final AtomicLong inFlight = new AtomicLong();

    /** Tokens taken in batches whose window ended before they were spent. */
    private final AtomicLong unspentAtWindowEnd = new AtomicLong();

    /** @param stripeCount a power of two */
    WindowLeases(int stripeCount) {
        stripes = new PaddedLong[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new PaddedLong(0);
        }
        stripeMask = stripeCount - 1;
    }

    /**
     * Spends a token of the caller's stripe if it holds tokens of this window or of a later one (a caller whose clock
     * reading is older than the window already counted counts in that newer window).
     *
     * @return whether a token was spent
     */
    boolean spendOwn(long window) {
        PaddedLong stripe = ownStripe();
        while (true) {
            long current = stripe.get();
            if ((current & TOKEN_MASK) == 0 || windowsAhead(current, window) < 0) {
                return false;
            }
            if (stripe.compareAndSet(current, current - 1)) {
                return true;
            }
        }
    }

    /**
     * @param tokensLeft tokens of the window not yet taken from its word
     * @return how many tokens to take at once: 1 near the limit
     */
    long batchFor(long tokensLeft) {
        long batch = tokensLeft / (SPREAD * stripes.length);
        return batch < 2 ? 1 : Math.min(batch, MAX_BATCH);
    }

    /** Announces a batch about to be taken from the window's word: before the compare-and-set that takes it. */
    void grantStarting(long batch) {
        inFlight.addAndGet(batch);
    }

    /** Withdraws the announcement: after the batch reached its stripe, or after the word refused it. */
    void grantLanded(long batch) {
        inFlight.addAndGet(-batch);
    }

    /** @return whether some batch has left the window's word and not yet reached its stripe */
    boolean grantsInFlight() {
        return inFlight.get() != 0;
    }

    /** Puts tokens taken from the window's word in the caller's stripe. */
    void deposit(long window, long tokens) {
        PaddedLong stripe = ownStripe();
        while (true) {
            long current = stripe.get();
            long ahead = windowsAhead(current, window);
            if (ahead == 0) {
                if (stripe.compareAndSet(current, current + tokens)) {
                    return;
                }
            } else if (ahead > 0) {
                // Another caller filled the stripe in a later window: this one is over.
                unspentAtWindowEnd.addAndGet(tokens);
                return;
            } else {
                // Counted as never spent before they leave the stripe, so a reading never takes
                // them as spent.
                long stale = current & TOKEN_MASK;
                unspentAtWindowEnd.addAndGet(stale);
                if (stripe.compareAndSet(current, (window << TOKEN_BITS) | tokens)) {
                    return;
                }
                unspentAtWindowEnd.addAndGet(-stale);
            }
        }
    }

    /**
     * Spends a token of the window from any stripe: for a caller who found the window's word at the limit, once no
     * batch is in flight.
     *
     * @return whether a token was spent; false means that every token of the window has been spent
     */
    boolean spendAny(long window) {
        for (PaddedLong stripe : stripes) {
            while (true) {
                long current = stripe.get();
                if ((current & TOKEN_MASK) == 0 || windowsAhead(current, window) != 0) {
                    break;
                }
                if (stripe.compareAndSet(current, current - 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Read in the order tokens flow (word, flight, stripe, spent or left over), after the window's word, so that a
     * token moving meanwhile is counted as unspent twice rather than not at all.
     *
     * @return the tokens taken from windows' words that were not spent
     */
    long unspent() {
        long unspent = inFlight.get();
        for (PaddedLong stripe : stripes) {
            unspent += stripe.get() & TOKEN_MASK;
        }
        return unspent + unspentAtWindowEnd.get();
    }

    /** @return the tokens of this window that stripes hold (a reading for operators) */
    long heldIn(long window) {
        long held = 0;
        for (PaddedLong stripe : stripes) {
            long current = stripe.get();
            if (windowsAhead(current, window) == 0) {
                held += current & TOKEN_MASK;
            }
        }
        return held;
    }

    private PaddedLong ownStripe() {
        return stripes[(int) threadId() & stripeMask];
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
    private static long threadId() {
        return Thread.currentThread().getId();
    }

    /**
     * Windows are kept modulo 2<sup>33</sup>, like the window's word at the largest limit: told apart while fewer
     * than 2<sup>32</sup> windows separate them.
     *
     * @return how many windows the stripe's tokens are ahead of {@code window}; negative when behind
     */
    private static long windowsAhead(long stripe, long window) {
        return ((stripe & ~TOKEN_MASK) - (window << TOKEN_BITS)) >> TOKEN_BITS;
    }
}
