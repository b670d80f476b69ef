package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many threads ask one limiter at once. While the fake clock stands still each window admits exactly the limit,
 * however the attempts interleave, and every attempt is counted once; while it moves, a rolling window never
 * holds more than the limit.
 */
class RateLimiterConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ATTEMPTS_PER_THREAD = 2_000;
    private static final int LIMIT = 50;
    private static final long WINDOW = 1_000_000;
    private static final int ROUNDS = 5;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private final AtomicLong clock = new AtomicLong(123_456_789);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(Gate.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void eachWindowAdmitsExactlyTheLimitWhateverTheInterleaving(RateLimitType type)
            throws Exception {
        RateLimiter limiter =
                RateLimiter.create(new RateLimitPolicy(LIMIT, WINDOW, 0, type), clock::get);
        clock.addAndGet(
                WINDOW); // a smooth bucket starts with one permit and is full after one window

        for (int round = 0; round < ROUNDS; round++) {
            assertThat(admittedByAll(limiter)).as("round %d", round).isEqualTo(LIMIT);
            clock.addAndGet(WINDOW);
        }
        assertThat(limiter.counters().permitted()).isEqualTo((long) LIMIT * ROUNDS);
        assertThat(limiter.counters().rejected())
                .isEqualTo((long) THREADS * ATTEMPTS_PER_THREAD * ROUNDS - (long) LIMIT * ROUNDS);
    }

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void aMinimumSpacingAdmitsExactlyOneOfManySimultaneousCalls(RateLimitType type)
            throws Exception {
        RateLimiter limiter =
                RateLimiter.create(
                        new RateLimitPolicy(LIMIT, WINDOW, WINDOW / 10, type), clock::get);
        clock.addAndGet(WINDOW);

        for (int round = 0; round < ROUNDS; round++) {
            assertThat(admittedByAll(limiter)).as("round %d", round).isEqualTo(1);
            clock.addAndGet(WINDOW);
        }
        assertThat(limiter.counters().permitted()).isEqualTo(ROUNDS);
        assertThat(limiter.counters().rejected())
                .isEqualTo((long) THREADS * ATTEMPTS_PER_THREAD * ROUNDS - ROUNDS);
    }

    @Test
    void rollingWindowsNeverHoldMoreThanTheLimitWhileTheClockMoves() throws Exception {
        long window = 3_000;
        ThreadLocal<Long> lastReading = new ThreadLocal<>();
        Ticker ticking =
                () -> {
                    long now = clock.incrementAndGet();
                    lastReading.set(now);
                    return now;
                };
        RateLimiter limiter =
                RateLimiter.create(
                        new RateLimitPolicy(LIMIT, window, 0, RateLimitType.ROLLING), ticking);
        List<Long> admittedAt = Collections.synchronizedList(new ArrayList<>());

        runAll(
                () -> {
                    if (limiter.tryAcquire() == 0) {
                        admittedAt.add(lastReading.get());
                    }
                    // on average the limit's worth of attempts per window: some bursts are refused,
                    // some calls admitted
                    clock.addAndGet(ThreadLocalRandom.current().nextLong(2 * window / LIMIT + 1));
                });

        List<Long> sorted = admittedAt.stream().sorted().toList();
        assertThat(sorted).hasSizeGreaterThan(2 * LIMIT);
        assertThat(limiter.counters().rejected()).isPositive();
        for (int i = 0; i + LIMIT < sorted.size(); i++) {
            assertThat(sorted.get(i + LIMIT) - sorted.get(i))
                    .as("calls %d to %d", i, i + LIMIT)
                    .isGreaterThanOrEqualTo(window);
        }
    }

    /**
     * Leases from the start, a limit high enough that threads take batches of it, and as few stripes as one (all
     * threads share it) or as many as the threads. Quiet windows, whose few attempts are all admitted and leave
     * tokens on the stripes when they end, alternate with busy ones, which admit exactly the limit: so no window
     * admits more, none refuses while a stripe still holds one of its tokens, a quiet window's leftovers are never
     * spent in the next, and the counters hold every attempt once.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void leasedWindowsAdmitExactlyTheLimitWhateverTheInterleaving(int stripeCount)
            throws Exception {
        int limit = 10_000; // of 16 000 attempts in a busy window
        int quietAttempts = 100; // a thread's in a quiet window: fewer than a batch
        FixedWindowRateLimiter limiter =
                leasedLimiter(limit, WINDOW, clock::get, clock.get(), stripeCount);

        for (int round = 0; round < ROUNDS; round++) {
            assertThat(admittedByAll(limiter, quietAttempts))
                    .as("quiet round %d", round)
                    .isEqualTo(THREADS * quietAttempts);
            clock.addAndGet(WINDOW);
            assertThat(admittedByAll(limiter, ATTEMPTS_PER_THREAD))
                    .as("busy round %d", round)
                    .isEqualTo(limit);
            clock.addAndGet(WINDOW);
        }
        long admitted = ((long) THREADS * quietAttempts + limit) * ROUNDS;
        assertThat(limiter.counters().permitted()).isEqualTo(admitted);
        assertThat(limiter.counters().rejected())
                .isEqualTo(
                        (long) THREADS * (quietAttempts + ATTEMPTS_PER_THREAD) * ROUNDS - admitted);
    }

    /**
     * While the clock moves under leasing threads, in jumps now and then so that some windows end with tokens still
     * leased: the calls made at or after any window's start never outnumber the limit times the windows from there
     * on (a call whose clock reading is late may count in a later window, never in an earlier one), and the counters
     * hold every attempt once.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void leasedWindowsNeverAdmitMoreThanTheLimitWhileTheClockMoves(int stripeCount)
            throws Exception {
        int limit = 150;
        long window = 3_000;
        ThreadLocal<Long> lastReading = new ThreadLocal<>();
        Ticker ticking =
                () -> {
                    long now = clock.incrementAndGet();
                    lastReading.set(now);
                    return now;
                };
        long origin = clock.get();
        FixedWindowRateLimiter limiter = leasedLimiter(limit, window, ticking, origin, stripeCount);
        List<Long> admittedIn = Collections.synchronizedList(new ArrayList<>());

        runAll(
                () -> {
                    if (limiter.tryAcquire() == 0) {
                        admittedIn.add((lastReading.get() - origin) / window);
                    }
                    // now and then a jump of up to a window, so that some windows end with tokens
                    // still leased and the next fills up
                    if (ThreadLocalRandom.current().nextInt(100) == 0) {
                        clock.addAndGet(ThreadLocalRandom.current().nextLong(window));
                    }
                });

        long lastWindow = (clock.get() - origin) / window;
        long[] fromWindowOn = new long[Math.toIntExact(lastWindow + 2)];
        for (long admittedWindow : admittedIn) {
            fromWindowOn[Math.toIntExact(admittedWindow)]++;
        }
        for (int w = fromWindowOn.length - 2; w >= 0; w--) {
            fromWindowOn[w] += fromWindowOn[w + 1];
            assertThat(fromWindowOn[w])
                    .as("calls admitted from window %d on", w)
                    .isLessThanOrEqualTo((lastWindow - w + 1) * limit);
        }
        assertThat(lastWindow).isGreaterThan(10);
        assertThat(limiter.counters().rejected()).isPositive();
        assertThat(limiter.counters().permitted()).isEqualTo(admittedIn.size());
        assertThat(limiter.counters().rejected())
                .isEqualTo((long) THREADS * ATTEMPTS_PER_THREAD - admittedIn.size());
    }

    private static FixedWindowRateLimiter leasedLimiter(
            int limit, long window, Ticker ticker, long origin, int stripeCount) {
        FixedWindowRateLimiter limiter =
                new FixedWindowRateLimiter(
                        new RateLimitPolicy(limit, window, 0, RateLimitType.FIXED),
                        ticker,
                        origin,
                        stripeCount);
        limiter.startLeasing();
        return limiter;
    }

    private int admittedByAll(RateLimiter limiter) throws Exception {
        return admittedByAll(limiter, ATTEMPTS_PER_THREAD);
    }

    private int admittedByAll(RateLimiter limiter, int attemptsPerThread) throws Exception {
        AtomicLong admitted = new AtomicLong();
        runAll(
                () -> {
                    if (limiter.tryAcquire() == 0) {
                        admitted.incrementAndGet();
                    }
                },
                attemptsPerThread);
        return Math.toIntExact(admitted.get());
    }

    private void runAll(Runnable attempt) throws Exception {
        runAll(attempt, ATTEMPTS_PER_THREAD);
    }

    /** Runs {@code attempt} {@code attemptsPerThread} times on each thread, all threads released at once. */
    private void runAll(Runnable attempt, int attemptsPerThread) throws Exception {
        Gate start = new Gate(THREADS);
        List<Future<Object>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Callable<Object> waitForStart = start.pass(null);
            done.add(
                    threads.submit(
                            () -> {
                                waitForStart.call();
                                for (int i = 0; i < attemptsPerThread; i++) {
                                    attempt.run();
                                }
                                return null;
                            }));
        }
        start.awaitArrivals();
        start.open();
        for (Future<Object> thread : done) {
            thread.get(Gate.PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
