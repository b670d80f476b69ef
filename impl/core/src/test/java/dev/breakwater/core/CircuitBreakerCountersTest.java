package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A breaker counts its calls and openings, and knows how long it has been in its state. */
class CircuitBreakerCountersTest {

    private static final long DELAY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker =
            new CircuitBreaker(
                    "breaker",
                    new CircuitBreakerPolicy(
                            DELAY_NANOS,
                            2,
                            1.0,
                            1,
                            ExceptionPredicate.of(
                                    List.of(IOException.class),
                                    List.of(FileNotFoundException.class))),
                    now::get,
                    BreakerStateListener.NONE);

    private void succeed() {
        breaker.onSuccess(breaker.tryAcquire());
    }

    private void fail(Exception failure) {
        breaker.onFailure(breaker.tryAcquire(), failure);
    }

    @Test
    void successesCountedFailuresRejectionsAndOpeningsAreCounted() {
        succeed();
        fail(new IOException());
        fail(new IOException()); // opens
        assertThat(breaker.tryAcquire()).isNull(); // refused

        CircuitBreakerCounters counters = breaker.counters();
        assertThat(counters.succeeded()).isEqualTo(1);
        assertThat(counters.failed()).isEqualTo(2);
        assertThat(counters.rejected()).isEqualTo(1);
        assertThat(counters.opened()).isEqualTo(1);
    }

    @Test
    void aFailureThePolicyDoesNotCountIsCountedAsASuccess() {
        fail(new FileNotFoundException());
        fail(new IllegalStateException());

        assertThat(breaker.counters().succeeded()).isEqualTo(2);
        assertThat(breaker.counters().failed()).isZero();
    }

    @Test
    void aRefusedHalfOpenTrialIsCountedAsRejected() {
        breaker.forceOpen();
        now.addAndGet(DELAY_NANOS);
        CircuitBreaker.Permit trial = breaker.tryAcquire();

        assertThat(breaker.tryAcquire()).as("only one trial at a time").isNull();
        assertThat(trial).isNotNull();
        assertThat(breaker.counters().rejected()).isEqualTo(1);
    }

    @Test
    void forceClosedKeepsTheCountsAndResetClearsThem() {
        fail(new IOException());
        fail(new IOException());

        breaker.forceClosed();
        assertThat(breaker.counters().failed()).isEqualTo(2);
        assertThat(breaker.counters().opened()).isEqualTo(1);

        breaker.reset();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.counters().failed()).isZero();
        assertThat(breaker.counters().opened()).isZero();
    }

    @Test
    void theTimeInTheCurrentStateStartsAgainAtEveryChange() {
        now.addAndGet(5);
        assertThat(breaker.nanosInCurrentState()).isEqualTo(5);

        breaker.forceOpen();
        now.addAndGet(7);
        assertThat(breaker.nanosInCurrentState()).isEqualTo(7);
    }

    @Test
    void anOpenBreakerWhoseDelayPassedHasBeenHalfOpenSinceTheDelayEnded() {
        breaker.forceOpen();
        now.addAndGet(DELAY_NANOS + 3);

        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.nanosInCurrentState()).isEqualTo(3);
    }

    @Test
    void holdingOpenAClosedBreakerCountsAsAnOpeningButHoldingOpenAnOpenOneDoesNot() {
        breaker.holdOpen();
        breaker.forceOpen();
        breaker.holdOpen();

        assertThat(breaker.counters().opened()).isEqualTo(1);
    }

    @Test
    void timeHeldOpenIsCountedAsHeldOpenAndEveryNanosecondInExactlyOneState() {
        now.addAndGet(2);
        breaker.holdOpen();
        now.addAndGet(DELAY_NANOS * 3);
        breaker.forceOpen();
        now.addAndGet(DELAY_NANOS + 5);

        assertThat(breaker.nanosIn(BreakerState.CLOSED)).isEqualTo(2);
        assertThat(breaker.nanosIn(BreakerState.HELD_OPEN)).isEqualTo(DELAY_NANOS * 3);
        assertThat(breaker.nanosIn(BreakerState.OPEN)).isEqualTo(DELAY_NANOS);
        assertThat(breaker.nanosIn(BreakerState.HALF_OPEN)).isEqualTo(5);
    }
}
