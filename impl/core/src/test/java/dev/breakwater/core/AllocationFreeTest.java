package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The rate limiter's decisions, the retry pauses of the built-in backoffs and a retry's success path with a result
 * predicate allocate nothing. Measured with the
 * JVM's count of bytes this thread has allocated, after a warm-up: any allocation per operation would add up to
 * megabytes over the repetitions, far above the slack left for the measurement itself (the first test shows it
 * would).
 */
class AllocationFreeTest {

    private static final int REPETITIONS = 200_000;
    private static final long SLACK_BYTES = 64 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long sink;

    private interface Operation {
        long run() throws Exception;
    }

    private long bytesAllocatedBy(Operation operation) throws Exception {
        for (int i = 0; i < REPETITIONS; i++) {
            sink += operation.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < REPETITIONS; i++) {
            sink += operation.run();
        }
        return THREADS.getThreadAllocatedBytes(threadId) - before;
    }

    @Test
    void theMeasureSeesAnAllocationPerOperation() throws Exception {
        assertThat(bytesAllocatedBy(() -> String.valueOf(sink).length()))
                .isGreaterThan(SLACK_BYTES);
    }

    @Test
    void breakersWithATimeBasedWindowOrSlowCallsAllocateNothingOnTheClosedPath() throws Exception {
        long[] clock = {0};
        Ticker ticker =
                () -> clock[0] += 1_000_000; // a millisecond a reading: the buckets turn over
        long second = 1_000_000_000L;
        for (CircuitBreakerOptions options :
                new CircuitBreakerOptions[] {
                    new CircuitBreakerOptions(10 * second, 20, 0, 1.0, 0),
                    new CircuitBreakerOptions(10 * second, 20, second, 1.0, 0),
                    new CircuitBreakerOptions(0, 0, second, 1.0, 0)
                }) {
            CircuitBreaker breaker =
                    new CircuitBreaker(
                            "breaker",
                            new CircuitBreakerPolicy(
                                    second, 20, 1.0, 1, ExceptionPredicate.all(), options),
                            ticker,
                            BreakerStateListener.NONE);
            IOException failure = new IOException("one in ten");
            long[] calls = {0};

            assertThat(
                            bytesAllocatedBy(
                                    () -> {
                                        CircuitBreaker.Permit permit = breaker.tryAcquire();
                                        long started = breaker.startOfCall();
                                        if (++calls[0] % 10 == 0) {
                                            breaker.onFailure(permit, failure, started);
                                        } else {
                                            breaker.onSuccess(permit, started);
                                        }
                                        return 1;
                                    }))
                    .as("%s", options)
                    .isLessThan(SLACK_BYTES);
            assertThat(breaker.state()).as("%s", options).isEqualTo(BreakerState.CLOSED);
            assertThat(breaker.counters().failed()).as("%s", options).isPositive();
        }
    }

    @Test
    void aBreakerInFleetModeAllocatesNothingOnTheClosedPath() throws Exception {
        FleetMember member =
                FleetMember.builder(new dev.breakwater.core.fleet.InMemoryFleetBackend())
                        .instance("allocation-test")
                        .build();
        CircuitBreaker breaker = CircuitBreaker.builder("fleet-breaker").fleet(member).build();
        IOException failure = new IOException("one in ten");
        long[] calls = {0};
        member.round();

        assertThat(
                        bytesAllocatedBy(
                                () -> {
                                    CircuitBreaker.Permit permit = breaker.tryAcquire();
                                    if (++calls[0] % 10 == 0) {
                                        breaker.onFailure(permit, failure);
                                    } else {
                                        breaker.onSuccess(permit);
                                    }
                                    return 1;
                                }))
                .isLessThan(SLACK_BYTES);
        member.round();
        assertThat(member.view("fleet-breaker").orElseThrow().state())
                .isEqualTo(BreakerState.CLOSED);
        assertThat(member.view("fleet-breaker").orElseThrow().windowCalls()).isEqualTo(400_000);
    }

    @Test
    void rateLimitersAllocateNothingToAdmitOrRefuse() throws Exception {
        long[] clock = {0};
        Ticker ticker = () -> clock[0] += 7;
        for (RateLimitType type : RateLimitType.values()) {
            RateLimiter limiter =
                    RateLimiter.create(new RateLimitPolicy(100, 10_000, 50, type), ticker);

            assertThat(bytesAllocatedBy(limiter::tryAcquire))
                    .as(type.name())
                    .isLessThan(SLACK_BYTES);
            assertThat(limiter.counters().permitted()).as("%s admitted some", type).isPositive();
            assertThat(limiter.counters().rejected()).as("%s refused some", type).isPositive();
        }
    }

    @Test
    void aRateLimiterInFleetModeAllocatesNothingToSpendALeaseOrRefuse() throws Exception {
        FleetMember member =
                FleetMember.builder(new dev.breakwater.core.fleet.InMemoryFleetBackend())
                        .instance("allocation-test")
                        .build();
        RateLimiter limiter =
                RateLimiter.builder()
                        .limit(1_000_000)
                        .window(Duration.ofHours(1))
                        .fleet("fleet-limiter", member)
                        .build();
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire(); // the demand the first leases are sized from
        }
        member.round();
        member.round();

        assertThat(bytesAllocatedBy(limiter::tryAcquire)).isLessThan(SLACK_BYTES);
        assertThat(limiter.counters().permitted()).as("spent leased tokens").isPositive();
        assertThat(limiter.counters().rejected())
                .as("refused with the lease spent")
                .isGreaterThan(REPETITIONS);
    }

    @Test
    void builtInBackoffsAllocateNothingPerPause() throws Exception {
        Throwable failure = new IOException("failed attempt");
        Backoff[] backoffs = {
            Backoff.CONSTANT,
            new Backoff.Exponential(2, 1_000_000),
            new Backoff.Fibonacci(1_000_000)
        };
        for (Backoff backoff : backoffs) {
            RetryPolicy policy =
                    new RetryPolicy(-1, 1_000, 0, 300, ExceptionPredicate.all(), backoff);
            int[] retry = {0};

            assertThat(
                            bytesAllocatedBy(
                                    () ->
                                            policy.nextDelayNanos(
                                                    retry[0]++ % 40,
                                                    failure,
                                                    policy.startPauses())))
                    .as(backoff.toString())
                    .isLessThan(SLACK_BYTES);
        }
    }

    @Test
    void aSynchronousRetryWithExponentialBackoffAllocatesNothingPerAttempt() throws Exception {
        IOException failure = new IOException("failed attempt");
        Callable<Object> failing =
                () -> {
                    throw failure;
                };
        try (ThreadPools threads = ThreadPools.create("allocation-test")) {
            Pipeline<Callable<Object>> pipeline =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .retry(
                                    new RetryPolicy(
                                            5,
                                            0,
                                            0,
                                            0,
                                            ExceptionPredicate.all(),
                                            new Backoff.Exponential(2, 0)))
                            .build(threads);

            assertThat(
                            bytesAllocatedBy(
                                    () -> {
                                        try {
                                            pipeline.call(failing);
                                            return 0;
                                        } catch (IOException expected) {
                                            return 1;
                                        }
                                    }))
                    .isLessThan(SLACK_BYTES);
        }
    }

    @Test
    void aSynchronousSuccessWithAResultPredicateAndABeforeRetryActionAllocatesNothing()
            throws Exception {
        Callable<Object> succeeding = () -> "ok";
        int[] actions = {0};
        try (ThreadPools threads = ThreadPools.create("allocation-test")) {
            Pipeline<Callable<Object>> pipeline =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .retry(
                                    new RetryPolicy(
                                            5,
                                            0,
                                            0,
                                            0,
                                            ExceptionPredicate.all(),
                                            Backoff.CONSTANT,
                                            result -> result == null))
                            .beforeRetry((context, lastFailure) -> actions[0]++)
                            .build(threads);

            assertThat(bytesAllocatedBy(() -> pipeline.call(succeeding) == null ? 0 : 1))
                    .isLessThan(SLACK_BYTES);
            assertThat(actions[0]).isZero();
        }
    }
}
