package dev.breakwater.benchmarks.core;

import dev.breakwater.api.BreakerState;
import dev.breakwater.benchmarks.Work;
import dev.breakwater.core.Guard;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The breaker policies beyond the MicroProfile spec, success path, Breakwater's typed API ({@link Guard} over a
 * {@code dev.breakwater.core.CircuitBreaker}) next to Resilience4j's decorated supplier doing the same work: a
 * time-based window of the last 10 seconds judged from 20 calls at 50 % failures, and a count-based window of 20
 * calls that also counts calls slower than one second (opening at 100 % slow calls). Failsafe 3.3.2 has the
 * time-based breaker ({@code withFailureRateThreshold(50, 20, 10 s)}: 50 % of the executions of the last 10 s, once
 * there are 20) but no slow-call threshold, so it has no slow-call row. Every call succeeds quickly, so the breakers
 * stay closed. Run with {@code -t 1} and {@code -t 2}; each breaker is shared by all threads. The setup checks that
 * the three time-based breakers are closed after 10 successes and 9 failures and open at the 10th failure, then
 * closes them again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BreakerPoliciesBenchmark {

    private static final int CALLS = 20;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration SLOW_CALL = Duration.ofSeconds(1);
    private static final Supplier<String> OPERATION = Work::value;
    private static final CheckedSupplier<String> CHECKED_OPERATION = Work::value;

    private Guard<String> breakwaterTimeBased;
    private Guard<String> breakwaterSlowCalls;
    private Supplier<String> resilience4jTimeBased;
    private Supplier<String> resilience4jSlowCalls;
    private FailsafeExecutor<String> failsafeTimeBased;

    @Setup
    public void build() {
        dev.breakwater.core.CircuitBreaker breakwaterBreaker =
                dev.breakwater.core.CircuitBreaker.builder("timeBased")
                        .window(WINDOW)
                        .minimumCalls(CALLS)
                        .failureRatio(0.5)
                        .build();
        breakwaterTimeBased =
                Guard.<String>builder("timeBased").circuitBreaker(breakwaterBreaker).build();
        breakwaterSlowCalls =
                Guard.<String>builder("slowCalls")
                        .circuitBreaker(
                                dev.breakwater.core.CircuitBreaker.builder("slowCalls")
                                        .requestVolumeThreshold(CALLS)
                                        .failureRatio(0.5)
                                        .slowCall(SLOW_CALL)
                                        .slowCallRatio(1.0)
                                        .build())
                        .build();
        CircuitBreaker resilience4jBreaker =
                CircuitBreaker.of(
                        "timeBased",
                        CircuitBreakerConfig.custom()
                                .slidingWindowType(
                                        CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                                .slidingWindowSize((int) WINDOW.toSeconds())
                                .minimumNumberOfCalls(CALLS)
                                .failureRateThreshold(50)
                                .build());
        resilience4jTimeBased = CircuitBreaker.decorateSupplier(resilience4jBreaker, OPERATION);
        resilience4jSlowCalls =
                CircuitBreaker.decorateSupplier(
                        CircuitBreaker.of(
                                "slowCalls",
                                CircuitBreakerConfig.custom()
                                        .slidingWindowType(
                                                CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                                        .slidingWindowSize(CALLS)
                                        .minimumNumberOfCalls(CALLS)
                                        .failureRateThreshold(50)
                                        .slowCallDurationThreshold(SLOW_CALL)
                                        .slowCallRateThreshold(100)
                                        .build()),
                        OPERATION);
        dev.failsafe.CircuitBreaker<String> failsafeBreaker =
                dev.failsafe.CircuitBreaker.<String>builder()
                        .withFailureRateThreshold(50, CALLS, WINDOW)
                        .build();
        failsafeTimeBased = Failsafe.with(failsafeBreaker);

        timeBasedBreakersOpenTogether(breakwaterBreaker, resilience4jBreaker, failsafeBreaker);
    }

    /** 10 successes and 9 failures leave each time-based breaker closed; the 10th failure opens all three. */
    private void timeBasedBreakersOpenTogether(
            dev.breakwater.core.CircuitBreaker breakwater,
            CircuitBreaker resilience4j,
            dev.failsafe.CircuitBreaker<String> failsafe) {
        for (int i = 0; i < CALLS / 2; i++) {
            breakwaterTimeBased();
            resilience4jTimeBased();
            failsafeTimeBased();
        }
        for (int i = 0; i < CALLS / 2; i++) {
            require(
                    breakwater.state() == BreakerState.CLOSED
                            && resilience4j.getState() == CircuitBreaker.State.CLOSED
                            && failsafe.isClosed(),
                    "all time-based breakers closed after "
                            + i
                            + " failures in "
                            + (CALLS / 2 + i)
                            + " calls");
            failOnce(this::breakwaterTimeBased);
            failOnce(this::resilience4jTimeBased);
            failOnce(this::failsafeTimeBased);
        }
        require(
                breakwater.state() == BreakerState.OPEN
                        && resilience4j.getState() == CircuitBreaker.State.OPEN
                        && failsafe.isOpen(),
                "all time-based breakers open after 10 failures in 20 calls");
        breakwater.reset();
        resilience4j.reset();
        failsafe.close();
        require(
                breakwater.state() == BreakerState.CLOSED
                        && resilience4j.getState() == CircuitBreaker.State.CLOSED
                        && failsafe.isClosed(),
                "all time-based breakers closed again before the measurement");
    }

    private static void failOnce(Supplier<String> call) {
        Work.startCheck(1);
        try {
            call.get();
            throw new IllegalStateException("sanity check failed: a planned failure did not fail");
        } catch (Work.PlannedFailure expected) {
            // counted by the breaker
        } finally {
            Work.endCheck();
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("sanity check failed: " + what);
        }
    }

    @Benchmark
    public String breakwaterTimeBased() {
        return breakwaterTimeBased.call(OPERATION);
    }

    @Benchmark
    public String resilience4jTimeBased() {
        return resilience4jTimeBased.get();
    }

    @Benchmark
    public String failsafeTimeBased() {
        return failsafeTimeBased.get(CHECKED_OPERATION);
    }

    @Benchmark
    public String breakwaterSlowCalls() {
        return breakwaterSlowCalls.call(OPERATION);
    }

    @Benchmark
    public String resilience4jSlowCalls() {
        return resilience4jSlowCalls.get();
    }
}
