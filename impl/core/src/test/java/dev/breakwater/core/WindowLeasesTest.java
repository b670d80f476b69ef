package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fixed window whose callers spend tokens leased to their thread's stripe: the window's budget stays exact across
 * stripes and across the window's end.
 */
class WindowLeasesTest {

    private static final int LIMIT = 100;
    private static final long WINDOW = 1_000;

    private final AtomicLong clock = new AtomicLong(5_000);
    private final List<ExecutorService> threads = new ArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException {
        for (ExecutorService thread : threads) {
            thread.shutdownNow();
            assertThat(thread.awaitTermination(Gate.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void tokensLeftOnAStripeWhenItsWindowEndsAreNeverSpent() {
        FixedWindowRateLimiter limiter = leasedLimiter(1);

        assertThat(limiter.tryAcquire()).isZero(); // takes a batch, spends one of it
        assertThat(limiter.permitsLeft()).isEqualTo(LIMIT - 1);
        clock.addAndGet(WINDOW);

        for (int i = 0; i < LIMIT; i++) {
            assertThat(limiter.tryAcquire()).as("call %d of the next window", i).isZero();
        }
        assertThat(limiter.tryAcquire()).isEqualTo(WINDOW);
        assertThat(limiter.counters().permitted()).isEqualTo(LIMIT + 1);
        assertThat(limiter.counters().rejected()).isEqualTo(1);
    }

    @Test
    void aCallerWhoseStripeIsEmptySpendsTheTokensLeftOnAnotherThreadsStripe() throws Exception {
        FixedWindowRateLimiter limiter = leasedLimiter(2);
        ExecutorService first = threadOnStripe(0);
        ExecutorService second = threadOnStripe(1);

        assertThat(first.submit(limiter::tryAcquire).get()).isZero(); // leaves a batch's rest
        long admittedOnSecond =
                second.submit(
                                () -> {
                                    int admitted = 0;
                                    while (limiter.tryAcquire() == 0) {
                                        admitted++;
                                    }
                                    return admitted;
                                })
                        .get();

        assertThat(admittedOnSecond).isEqualTo(LIMIT - 1);
        assertThat(first.submit(limiter::tryAcquire).get()).isEqualTo(WINDOW);
        assertThat(limiter.permitsLeft()).isZero();
        assertThat(limiter.counters().permitted()).isEqualTo(LIMIT);
        assertThat(limiter.counters().rejected()).isEqualTo(2);
    }

    private FixedWindowRateLimiter leasedLimiter(int stripeCount) {
        FixedWindowRateLimiter limiter =
                new FixedWindowRateLimiter(
                        new RateLimitPolicy(LIMIT, WINDOW, 0, RateLimitType.FIXED),
                        clock::get,
                        clock.get(),
                        stripeCount);
        limiter.startLeasing();
        return limiter;
    }

    /** A thread whose id picks the given one of two stripes. */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private ExecutorService threadOnStripe(int stripe) throws Exception {
        while (true) {
            ExecutorService thread = Executors.newSingleThreadExecutor();
            threads.add(thread);
            if ((thread.submit(() -> Thread.currentThread().getId()).get() & 1) == stripe) {
                return thread;
            }
        }
    }
}
