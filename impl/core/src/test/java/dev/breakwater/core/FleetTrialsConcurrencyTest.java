package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Callers racing for the probe leases of fleet-wide half-open periods while the member grants them, several at once
 * and then one more: exactly as many calls are admitted as leases were granted, however the races go.
 */
class FleetTrialsConcurrencyTest {

    private static final int CALLERS = 8;
    private static final int LEASES = 5;
    private static final int PERIODS = 200;

    @Test
    void racingCallersTakeExactlyTheLeasesGranted() throws Exception {
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "gateway",
                        new CircuitBreakerPolicy(
                                TimeUnit.SECONDS.toNanos(5),
                                20,
                                0.5,
                                LEASES,
                                ExceptionPredicate.all()),
                        Ticker.SYSTEM,
                        BreakerStateListener.NONE);
        breaker.applyFleet(BreakerState.OPEN, 1, TimeUnit.SECONDS.toNanos(5), 0);
        breaker.applyFleet(BreakerState.HALF_OPEN, 2, TimeUnit.SECONDS.toNanos(5), 0);
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(CALLERS);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            Thread caller =
                    new Thread(
                            () -> {
                                started.countDown();
                                while (calling.get()) {
                                    if (breaker.tryAcquire() != null) {
                                        admitted.incrementAndGet();
                                    } else {
                                        refused.incrementAndGet();
                                    }
                                }
                            });
            caller.setDaemon(true);
            callers.add(caller);
            caller.start();
        }
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            for (int period = 0; period < PERIODS; period++) {
                long epoch = 2 * period + 3;
                breaker.applyFleet(BreakerState.OPEN, epoch, TimeUnit.SECONDS.toNanos(5), 0);
                breaker.applyFleet(
                        BreakerState.HALF_OPEN, epoch + 1, TimeUnit.SECONDS.toNanos(5), 0);
                awaitRefusals(refused, 1000);
                breaker.applyFleet(
                        BreakerState.HALF_OPEN, epoch + 1, TimeUnit.SECONDS.toNanos(5), LEASES - 1);
                awaitRefusals(refused, 1000);
                breaker.applyFleet(
                        BreakerState.HALF_OPEN, epoch + 1, TimeUnit.SECONDS.toNanos(5), 1);
                awaitAdmitted(admitted, (period + 1) * LEASES);
                awaitRefusals(refused, 1000);
                assertThat(admitted.get())
                        .as("admitted by the end of period %d", period)
                        .isEqualTo((period + 1) * LEASES);
            }
        } finally {
            calling.set(false);
            for (Thread caller : callers) {
                caller.join(TimeUnit.SECONDS.toMillis(10));
            }
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    private static void awaitAdmitted(AtomicInteger admitted, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (admitted.get() < count) {
            assertThat(System.nanoTime() - deadline)
                    .as("%d calls admitted within 10 s", count)
                    .isNegative();
            Thread.onSpinWait();
        }
    }

    /** Lets the callers be refused some more times (bounded), so that each grant meets a crowd of racing callers. */
    private static void awaitRefusals(AtomicInteger refused, int more) {
        int target = refused.get() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refused.get() < target) {
            assertThat(System.nanoTime() - deadline)
                    .as("callers refused %d more times within 10 s", more)
                    .isNegative();
            Thread.onSpinWait();
        }
    }
}
