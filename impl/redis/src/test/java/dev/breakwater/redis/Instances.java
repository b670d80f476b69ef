package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.FleetMember;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Several instances of one application in the test's JVM: each its own Redis backend (its own connections and
 * threads), its own fleet member and its own breakers, as separate replicas would have.
 */
final class Instances implements AutoCloseable {

    static final IOException FAILURE = new IOException("gateway down");
    static final Duration DEADLINE = Duration.ofSeconds(15);
    static final int FALLBACK_AFTER = 3;

    /**
     * The backend's default: shorter, an exchange on a loaded machine times out now and then, which the tests that
     * count failed exchanges would take for a fault; every fault injected here lasts seconds.
     */
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);

    final List<Instance> all = new ArrayList<>();

    /** One replica. */
    static final class Instance {
        final FleetMember member;
        final List<CircuitBreaker> breakers = new ArrayList<>();
        final List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
        final AtomicLong calls = new AtomicLong();
        private volatile boolean calling;
        private Thread caller;

        Instance(
                RedisURI uri,
                String name,
                int successThreshold,
                Duration delay,
                Duration flushInterval,
                String... breakerNames) {
            RedisFleetBackend backend =
                    RedisFleetBackend.builder(uri, "shop")
                            .commandTimeout(COMMAND_TIMEOUT)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
            member =
                    FleetMember.builder(backend)
                            .instance(name)
                            .flushInterval(flushInterval)
                            .fallbackAfterFailures(FALLBACK_AFTER)
                            .probeLease(Duration.ofSeconds(5))
                            .start();
            for (String breaker : breakerNames) {
                breakers.add(
                        CircuitBreaker.builder(breaker)
                                .requestVolumeThreshold(20)
                                .failureRatio(0.5)
                                .delay(delay)
                                .successThreshold(successThreshold)
                                .onStateChange(changes::add)
                                .fleet(member)
                                .build());
            }
        }

        CircuitBreaker breaker() {
            return breakers.get(0);
        }

        void fail(int calls) {
            for (int i = 0; i < calls; i++) {
                CircuitBreaker.Permit permit = breaker().tryAcquire();
                assertThat(permit).as("admitted").isNotNull();
                breaker().onFailure(permit, FAILURE);
            }
        }

        void succeed(CircuitBreaker breaker, int calls) {
            for (int i = 0; i < calls; i++) {
                CircuitBreaker.Permit permit = breaker.tryAcquire();
                assertThat(permit).as("admitted").isNotNull();
                breaker.onSuccess(permit);
            }
        }

        /** Starts a caller that makes a guarded call about every millisecond, counting the calls that returned. */
        void startCalling() {
            calling = true;
            caller =
                    new Thread(
                            () -> {
                                while (calling) {
                                    CircuitBreaker.Permit permit = breaker().tryAcquire();
                                    if (permit != null) {
                                        breaker().onSuccess(permit);
                                    }
                                    calls.incrementAndGet();
                                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                                }
                            },
                            "breakwater-test-caller-" + member.instance());
            caller.setDaemon(true);
            caller.start();
        }

        void stopCalling() throws InterruptedException {
            calling = false;
            if (caller != null) {
                caller.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    /** Instances whose breakers have a window of 20 calls, a ratio of 0.5 and the delay and success threshold. */
    Instances(RedisURI uri, int count, int successThreshold, Duration delay, String... breakers) {
        this(uri, count, successThreshold, delay, Duration.ofMillis(20), breakers);
    }

    /** Instances whose members exchange at the interval unless an announcement wakes them. */
    Instances(
            RedisURI uri,
            int count,
            int successThreshold,
            Duration delay,
            Duration flushInterval,
            String... breakers) {
        for (int i = 0; i < count; i++) {
            all.add(
                    new Instance(
                            uri,
                            "instance-" + (char) ('a' + i),
                            successThreshold,
                            delay,
                            flushInterval,
                            breakers));
        }
    }

    /** Instances whose breakers open for a minute and close after one probe. */
    Instances(RedisURI uri, int count, String... breakers) {
        this(uri, count, 1, Duration.ofMinutes(1), breakers);
    }

    Instance get(int index) {
        return all.get(index);
    }

    /** Waits, within {@link #DEADLINE}, until the condition holds; fails naming it otherwise. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Watches every instance at once until the condition holds for each.
     *
     * @return by instance, its member's exchanges when the condition was first seen to hold for it
     */
    long[] exchangesWhen(String what, java.util.function.Predicate<Instance> condition) {
        long[] exchanges = new long[all.size()];
        boolean[] seen = new boolean[all.size()];
        await(
                what,
                () -> {
                    boolean every = true;
                    for (int i = 0; i < all.size(); i++) {
                        if (!seen[i]) {
                            exchanges[i] = all.get(i).member.exchanges();
                            seen[i] = condition.test(all.get(i));
                        }
                        every &= seen[i];
                    }
                    return every;
                });
        return exchanges;
    }

    /** Waits until every instance's breaker (the first) is in the state. */
    void awaitState(BreakerState state) {
        for (Instance instance : all) {
            await(
                    instance.member.instance() + " " + state,
                    () -> instance.breaker().state() == state);
        }
    }

    /** Waits until every member has exchanged with the store {@code more} more times. */
    void awaitExchanges(int more) {
        for (Instance instance : all) {
            long target = instance.member.exchanges() + more;
            await(
                    instance.member.instance() + " exchanged " + more + " more times",
                    () -> instance.member.exchanges() >= target);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Instance instance : all) {
            instance.stopCalling();
            instance.member.close();
        }
    }
}
