package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A breaker with a timer becomes half-open at the end of its delay, and tells its listener then. */
class CircuitBreakerTimerTest {

    @Test
    void theTimerMakesAnOpenBreakerHalfOpenAtTheEndOfItsDelayWithoutACallAndTellsTheListener()
            throws Exception {
        try (ThreadPools threads = ThreadPools.create("agreement")) {
            ConcurrentLinkedQueue<String> told = new ConcurrentLinkedQueue<>();
            CountDownLatch halfOpen = new CountDownLatch(1);
            CircuitBreaker breaker =
                    new CircuitBreaker(
                            "breaker",
                            new CircuitBreakerPolicy(
                                    TimeUnit.MILLISECONDS.toNanos(20),
                                    1,
                                    1.0,
                                    1,
                                    ExceptionPredicate.all()),
                            change -> {
                                told.add(
                                        change.from()
                                                + "->"
                                                + change.to()
                                                + " on "
                                                + Thread.currentThread().getName());
                                if (change.to() == BreakerState.HALF_OPEN) {
                                    halfOpen.countDown();
                                }
                            },
                            threads);

            breaker.onFailure(breaker.tryAcquire(), new IOException("boom"));

            assertThat(halfOpen.await(10, TimeUnit.SECONDS)).as("told of half-open").isTrue();
            assertThat(told)
                    .containsExactly(
                            "CLOSED->OPEN on " + Thread.currentThread().getName(),
                            "OPEN->HALF_OPEN on breakwater-agreement-timer");
            assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
            assertThat(threads.pendingTimerTasks()).isZero();
        }
    }

    @Test
    void aBreakerThatLeavesOpenBeforeItsDelayEndsLeavesNoTaskInTheTimer() {
        try (ThreadPools threads = ThreadPools.create("agreement")) {
            CircuitBreaker breaker =
                    new CircuitBreaker(
                            "breaker",
                            new CircuitBreakerPolicy(
                                    TimeUnit.HOURS.toNanos(1), 1, 1.0, 1, ExceptionPredicate.all()),
                            BreakerStateListener.NONE,
                            threads);

            breaker.forceOpen();
            assertThat(threads.pendingTimerTasks()).isEqualTo(1);
            breaker.forceClosed();

            assertThat(threads.pendingTimerTasks()).isZero();
        }
    }

    @Test
    void aBreakerWhoseTimerIsClosedStillOpens() {
        ThreadPools threads = ThreadPools.create("agreement");
        threads.close();
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(
                                TimeUnit.HOURS.toNanos(1), 1, 1.0, 1, ExceptionPredicate.all()),
                        BreakerStateListener.NONE,
                        threads);

        assertThatCode(() -> breaker.onFailure(breaker.tryAcquire(), new IOException("boom")))
                .doesNotThrowAnyException();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isNull();
    }
}
