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

    private int admittedByAll(RateLimiter limiter) throws Exception {
        AtomicLong admitted = new AtomicLong();
        runAll(
                () -> {
                    if (limiter.tryAcquire() == 0) {
                        admitted.incrementAndGet();
                    }
                });
        return Math.toIntExact(admitted.get());
    }

    /** Runs {@code attempt} {@code ATTEMPTS_PER_THREAD} times on each thread, all threads released at once. */
    private void runAll(Runnable attempt) throws Exception {
        Gate start = new Gate(THREADS);
        List<Future<Object>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Callable<Object> waitForStart = start.pass(null);
            done.add(
                    threads.submit(
                            () -> {
                                waitForStart.call();
                                for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
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
