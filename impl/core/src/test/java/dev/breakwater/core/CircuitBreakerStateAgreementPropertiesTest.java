package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * What {@link CircuitBreaker#state()} reports is what the listener was told: the changes a listener sees form one
 * path through the states, also when many threads call through the breaker while its delay ends (and, with a
 * limited half-open stay, while that ends too), and the breaker ends in the state of the last change told.
 */
class CircuitBreakerStateAgreementPropertiesTest {

    private static final long DELAY_NANOS = 1_000;

    /** The changes failures, successes and the delay make; control requests may also go to any state by force. */
    private static final Map<BreakerState, Set<BreakerState>> BY_CALLS =
            Map.of(
                    BreakerState.CLOSED, Set.of(BreakerState.OPEN),
                    BreakerState.OPEN, Set.of(BreakerState.HALF_OPEN),
                    BreakerState.HALF_OPEN, Set.of(BreakerState.OPEN, BreakerState.CLOSED),
                    BreakerState.HELD_OPEN, Set.of(),
                    BreakerState.HELD_CLOSED, Set.of(),
                    BreakerState.DISABLED, Set.of());

    record Change(BreakerState from, BreakerState to) {}

    @Property(tries = 40)
    void underConcurrentCallsTheListenerSeesOnePathThatEndsInTheStateReported(
            @ForAll @IntRange(min = 2, max = 4) int threads,
            @ForAll long seed,
            @ForAll boolean withControl,
            @ForAll boolean limitedHalfOpen)
            throws Exception {
        AtomicLong now = new AtomicLong();
        ConcurrentLinkedQueue<Change> told = new ConcurrentLinkedQueue<>();
        CircuitBreakerOptions options =
                limitedHalfOpen
                        ? new CircuitBreakerOptions(0, 0, 0, 1.0, DELAY_NANOS / 3)
                        : CircuitBreakerOptions.SPEC;
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(
                                DELAY_NANOS, 4, 0.5, 2, ExceptionPredicate.all(), options),
                        now::get,
                        change -> told.add(new Change(change.from(), change.to())));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(seed + t);
            Thread caller =
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                    for (int i = 0; i < 500; i++) {
                                        step(breaker, random, now, withControl);
                                    }
                                } catch (Throwable e) {
                                    failures.add(e);
                                }
                            },
                            "caller-" + t);
            callers.add(caller);
            caller.start();
        }
        start.countDown();
        for (Thread caller : callers) {
            caller.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(caller.isAlive()).as("%s finished", caller.getName()).isFalse();
        }
        assertThat(failures).isEmpty();

        BreakerState reported = breaker.state();
        List<Change> changes = List.copyOf(told);
        BreakerState expected = BreakerState.CLOSED;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            assertThat(change.from())
                    .as("change %d of %s starts where the one before ended", i, changes)
                    .isEqualTo(expected);
            if (!withControl) {
                assertThat(BY_CALLS.get(change.from()))
                        .as("change %d of %s is one calls can make", i, changes)
                        .contains(change.to());
            }
            expected = change.to();
        }
        assertThat(reported).as("state() after %s", changes).isEqualTo(expected);
        long total = 0;
        for (BreakerState state : BreakerState.values()) {
            total += breaker.nanosIn(state);
        }
        assertThat(total).as("every nanosecond counted in exactly one state").isEqualTo(now.get());
    }

    private static void step(
            CircuitBreaker breaker, SplittableRandom random, AtomicLong now, boolean withControl) {
        int dice = random.nextInt(100);
        if (dice < 10) {
            now.addAndGet(random.nextLong(DELAY_NANOS / 2));
        } else if (dice < 15) {
            breaker.state();
        } else if (dice < 18) {
            breaker.nanosIn(BreakerState.HALF_OPEN);
        } else if (withControl && dice < 21) {
            switch (random.nextInt(5)) {
                case 0 -> breaker.forceOpen();
                case 1 -> breaker.holdOpen();
                case 2 -> breaker.holdClosed();
                case 3 -> breaker.disable();
                default -> breaker.forceClosed();
            }
        } else {
            CircuitBreaker.Permit permit = breaker.tryAcquire();
            if (permit != null) {
                if (random.nextInt(3) == 0) {
                    breaker.onFailure(permit, new IOException("boom"));
                } else {
                    breaker.onSuccess(permit);
                }
            }
        }
    }
}
