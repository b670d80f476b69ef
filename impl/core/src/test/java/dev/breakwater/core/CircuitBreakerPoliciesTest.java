package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The breaker's states an operator forces beyond holding it open, held closed and disabled, are what {@code state()}
 * and the listener report, and behave as named; a limited half-open stay ends by the breaker's timer even when no
 * call comes; a time-based window forgets the calls of seconds gone by.
 */
@org.junit.jupiter.api.Timeout(30)
class CircuitBreakerPoliciesTest {

    private static final IOException FAILURE = new IOException("down");

    private final AtomicLong now = new AtomicLong();
    private final List<String> transitions = new CopyOnWriteArrayList<>();

    private CircuitBreaker breaker(CircuitBreakerOptions options) {
        return new CircuitBreaker(
                "breaker",
                new CircuitBreakerPolicy(
                        TimeUnit.SECONDS.toNanos(5), 2, 1.0, 1, ExceptionPredicate.all(), options),
                now::get,
                change -> transitions.add(change.from() + "->" + change.to()));
    }

    private static void fail(CircuitBreaker breaker) {
        breaker.onFailure(breaker.tryAcquire(), FAILURE);
    }

    @Test
    void aBreakerHeldClosedLetsEveryCallThroughCountsThemAndNeverOpens() {
        CircuitBreaker breaker = breaker(CircuitBreakerOptions.SPEC);
        breaker.holdClosed();
        for (int i = 0; i < 5; i++) {
            fail(breaker);
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.HELD_CLOSED);
        assertThat(breaker.counters().failed()).isEqualTo(5);
        assertThat(breaker.counters().opened()).isZero();
        breaker.forceClosed();
        fail(breaker);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions)
                .containsExactly("CLOSED->HELD_CLOSED", "HELD_CLOSED->CLOSED", "CLOSED->OPEN");
    }

    @Test
    void aDisabledBreakerLetsEveryCallThroughAndCountsNone() {
        CircuitBreaker breaker = breaker(CircuitBreakerOptions.SPEC);
        fail(breaker);
        fail(breaker);
        breaker.disable();
        for (int i = 0; i < 5; i++) {
            CircuitBreaker.Permit permit = breaker.tryAcquire();
            assertThat(permit).isNotNull();
            breaker.onFailure(permit, FAILURE);
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.DISABLED);
        assertThat(breaker.counters().failed()).isEqualTo(2);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->DISABLED");
    }

    @Test
    void theTimeInTheForcedStatesIsCountedUnderTheirNames() {
        CircuitBreaker breaker = breaker(CircuitBreakerOptions.SPEC);
        breaker.holdClosed();
        now.addAndGet(7);
        breaker.disable();
        now.addAndGet(11);

        assertThat(breaker.nanosIn(BreakerState.HELD_CLOSED)).isEqualTo(7);
        assertThat(breaker.nanosIn(BreakerState.DISABLED)).isEqualTo(11);
        assertThat(breaker.nanosInCurrentState()).isEqualTo(11);
    }

    @Test
    void aTimeBasedWindowForgetsTheCallsOfSecondsGoneBy() {
        CircuitBreaker breaker =
                breaker(new CircuitBreakerOptions(TimeUnit.SECONDS.toNanos(2), 3, 0, 1.0, 0));
        fail(breaker);
        fail(breaker);
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        fail(breaker);
        assertThat(breaker.state())
                .as("one failure in the window, three needed")
                .isEqualTo(BreakerState.CLOSED);

        fail(breaker);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aLimitedHalfOpenStayEndsByTheTimerWhenNoCallComes() throws Exception {
        CountDownLatch reopened = new CountDownLatch(1);
        List<String> told = new CopyOnWriteArrayList<>();
        try (ThreadPools threads = ThreadPools.create("policies")) {
            CircuitBreaker timed =
                    new CircuitBreaker(
                            "breaker",
                            new CircuitBreakerPolicy(
                                    TimeUnit.MILLISECONDS.toNanos(1),
                                    1,
                                    1.0,
                                    1,
                                    ExceptionPredicate.all(),
                                    new CircuitBreakerOptions(
                                            0, 0, 0, 1.0, TimeUnit.MILLISECONDS.toNanos(20))),
                            change -> {
                                told.add(change.from() + "->" + change.to());
                                if (change.from() == BreakerState.HALF_OPEN
                                        && change.to() == BreakerState.OPEN) {
                                    reopened.countDown();
                                }
                            },
                            threads);
            fail(timed);

            assertThat(reopened.await(10, TimeUnit.SECONDS)).as("reopened after " + told).isTrue();
            // A copy: the timer goes on reopening the breaker while the assertion reads.
            assertThat(List.copyOf(told).subList(0, 3))
                    .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
        }
    }
}
