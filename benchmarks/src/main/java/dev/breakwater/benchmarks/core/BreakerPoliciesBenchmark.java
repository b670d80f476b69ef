package dev.breakwater.benchmarks.core;

import dev.breakwater.benchmarks.Work;
import dev.breakwater.core.Guard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The breaker policies beyond the MicroProfile spec, success path, Breakwater's typed API ({@link Guard} over a
 * {@code dev.breakwater.core.CircuitBreaker}) next to Resilience4j's decorated supplier doing the same work: a
 * time-based window of the last 10 seconds judged from 20 calls at 50 % failures, and a count-based window of 20
 * calls that also counts calls slower than one second (opening at 100 % slow calls). Every call succeeds quickly,
 * so the breakers stay closed. Run with {@code -t 1} and {@code -t 2}; each breaker is shared by all threads.
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

    private Guard<String> breakwaterTimeBased;
    private Guard<String> breakwaterSlowCalls;
    private Supplier<String> resilience4jTimeBased;
    private Supplier<String> resilience4jSlowCalls;

    @Setup
    public void build() {
        breakwaterTimeBased = Guard.<String>builder("timeBased")
                .circuitBreaker(dev.breakwater.core.CircuitBreaker.builder("timeBased")
                        .window(WINDOW).minimumCalls(CALLS).failureRatio(0.5).build())
                .build();
        breakwaterSlowCalls = Guard.<String>builder("slowCalls")
                .circuitBreaker(dev.breakwater.core.CircuitBreaker.builder("slowCalls")
                        .requestVolumeThreshold(CALLS).failureRatio(0.5).slowCall(SLOW_CALL).slowCallRatio(1.0)
                        .build())
                .build();
        resilience4jTimeBased = CircuitBreaker.decorateSupplier(CircuitBreaker.of("timeBased",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                        .slidingWindowSize((int) WINDOW.toSeconds()).minimumNumberOfCalls(CALLS)
                        .failureRateThreshold(50).build()), OPERATION);
        resilience4jSlowCalls = CircuitBreaker.decorateSupplier(CircuitBreaker.of("slowCalls",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(CALLS).minimumNumberOfCalls(CALLS).failureRateThreshold(50)
                        .slowCallDurationThreshold(SLOW_CALL).slowCallRateThreshold(100).build()), OPERATION);
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
    public String breakwaterSlowCalls() {
        return breakwaterSlowCalls.call(OPERATION);
    }

    @Benchmark
    public String resilience4jSlowCalls() {
        return resilience4jSlowCalls.get();
    }
}
