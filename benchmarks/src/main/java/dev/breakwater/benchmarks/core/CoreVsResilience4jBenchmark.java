package dev.breakwater.benchmarks.core;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.benchmarks.Work;
import dev.breakwater.core.BulkheadPolicy;
import dev.breakwater.core.Callee;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.ExceptionPredicate;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.RetryPolicy;
import dev.breakwater.core.ThreadPools;
import dev.breakwater.core.Ticker;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Breakwater's engine used programmatically ({@code Pipeline.builder(...)}), no CDI, next to Resilience4j's
 * decorators doing the same work on the same operation, success path: a count-based circuit breaker over the last
 * 20 calls opening at 50 % failures, a non-waiting bulkhead of 10, a retry of up to 3 retries without delay and,
 * like Resilience4j's, without limit on the total duration ({@code maxDuration = 0}: "not set" in the
 * MicroProfile {@code @Retry}). {@code breakwaterRetryWithMaxDuration} is the same retry under the annotation's default
 * {@code maxDuration} of 3 minutes, which costs a clock read per call.
 * {@code direct} is the operation called straight. Run with {@code -t 1} and {@code -t 2}; the breaker and the
 * bulkhead are shared by all threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreVsResilience4jBenchmark {

    private static final int WINDOW = 20;
    private static final int MAX_CONCURRENT = 10;
    private static final int MAX_RETRIES = 3;

    /** The operation, in the shape each library takes it; neither captures anything. */
    private static final Callee<Object> CALLEE = context -> Work.value();
    private static final Supplier<Object> SUPPLIER = Work::value;

    private ThreadPools threads;
    private Pipeline<Object> breakwaterCircuitBreaker;
    private Pipeline<Object> breakwaterBulkhead;
    private Pipeline<Object> breakwaterRetry;
    private Pipeline<Object> breakwaterRetryWithMaxDuration;
    private CircuitBreaker resilience4jBreaker;
    private Bulkhead resilience4jBulkheadInstance;
    private Supplier<Object> resilience4jCircuitBreaker;
    private Supplier<Object> resilience4jBulkhead;
    private Supplier<Object> resilience4jRetry;

    @Setup(Level.Trial)
    public void build() throws Exception {
        threads = ThreadPools.create("benchmarks");
        breakwaterCircuitBreaker = Pipeline.builder("circuitBreaker", CALLEE)
                .circuitBreaker(new dev.breakwater.core.CircuitBreaker("circuitBreaker",
                        new CircuitBreakerPolicy(TimeUnit.SECONDS.toNanos(5), WINDOW, 0.5, 1, ExceptionPredicate.all()),
                        Ticker.SYSTEM, BreakerStateListener.NONE))
                .build(threads);
        breakwaterBulkhead = Pipeline.builder("bulkhead", CALLEE)
                .bulkhead(new BulkheadPolicy(MAX_CONCURRENT, 10))
                .build(threads);
        breakwaterRetry = Pipeline.builder("retry", CALLEE)
                .retry(new RetryPolicy(MAX_RETRIES, 0, 0, 0, ExceptionPredicate.all()))
                .build(threads);
        breakwaterRetryWithMaxDuration = Pipeline.builder("retryWithMaxDuration", CALLEE)
                .retry(new RetryPolicy(MAX_RETRIES, 0, TimeUnit.MINUTES.toNanos(3), 0, ExceptionPredicate.all()))
                .build(threads);

        resilience4jBreaker = CircuitBreaker.of("circuitBreaker", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(WINDOW)
                .minimumNumberOfCalls(WINDOW)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        resilience4jCircuitBreaker = CircuitBreaker.decorateSupplier(resilience4jBreaker, SUPPLIER);
        resilience4jBulkheadInstance = Bulkhead.of("bulkhead", BulkheadConfig.custom()
                .maxConcurrentCalls(MAX_CONCURRENT)
                .maxWaitDuration(Duration.ZERO)
                .build());
        resilience4jBulkhead = Bulkhead.decorateSupplier(resilience4jBulkheadInstance, SUPPLIER);
        resilience4jRetry = Retry.decorateSupplier(Retry.of("retry", RetryConfig.custom()
                .maxAttempts(MAX_RETRIES + 1)
                .waitDuration(Duration.ZERO)
                .build()), SUPPLIER);

        check();
    }

    /** Both sides do the same work: each retry retries, each breaker opens after the same failures. */
    private void check() throws Exception {
        Work.startCheck(1);
        try {
            require(Work.VALUE.equals(breakwaterRetry.call(null)) && Work.calls() == 2, "Breakwater retries");
        } finally {
            Work.endCheck();
        }
        Work.startCheck(1);
        try {
            require(Work.VALUE.equals(breakwaterRetryWithMaxDuration.call(null)) && Work.calls() == 2,
                    "Breakwater retries under maxDuration");
        } finally {
            Work.endCheck();
        }
        Work.startCheck(1);
        try {
            require(Work.VALUE.equals(resilience4jRetry.get()) && Work.calls() == 2, "Resilience4j retries");
        } finally {
            Work.endCheck();
        }

        Work.startCheck(Integer.MAX_VALUE);
        try {
            for (int i = 0; i < WINDOW / 2; i++) {
                failBoth(breakwaterCircuitBreaker::call, resilience4jCircuitBreaker);
            }
        } finally {
            Work.endCheck();
        }
        for (int i = 0; i < WINDOW / 2 - 1; i++) {
            require(Work.VALUE.equals(breakwaterCircuitBreaker.call(null)), "Breakwater breaker lets calls pass");
            require(Work.VALUE.equals(resilience4jCircuitBreaker.get()), "Resilience4j breaker lets calls pass");
        }
        require(breakwaterCircuitBreaker.circuitBreaker().state() == BreakerState.CLOSED
                && resilience4jBreaker.getState() == CircuitBreaker.State.CLOSED, "both breakers closed at 10/19");
        breakwaterCircuitBreaker.call(null);
        resilience4jCircuitBreaker.get();
        require(breakwaterCircuitBreaker.circuitBreaker().state() == BreakerState.OPEN
                && resilience4jBreaker.getState() == CircuitBreaker.State.OPEN, "both breakers open at 10/20");
        breakwaterCircuitBreaker.circuitBreaker().forceClosed();
        resilience4jBreaker.reset();

        require(Work.VALUE.equals(breakwaterBulkhead.call(null))
                && resilience4jBulkheadInstance.getMetrics().getAvailableConcurrentCalls() == MAX_CONCURRENT,
                "bulkheads let calls pass");
    }

    private interface Call {
        Object call(Object context) throws Exception;
    }

    private static void failBoth(Call breakwater, Supplier<Object> resilience4j) {
        try {
            breakwater.call(null);
            throw new IllegalStateException("planned failure did not fail");
        } catch (Work.PlannedFailure expected) {
            // counted
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try {
            resilience4j.get();
            throw new IllegalStateException("planned failure did not fail");
        } catch (Work.PlannedFailure expected) {
            // counted
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("sanity check failed: " + what);
        }
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        threads.close();
    }

    @Benchmark
    public void direct(Blackhole blackhole) {
        blackhole.consume(SUPPLIER.get());
    }

    @Benchmark
    public void breakwaterCircuitBreaker(Blackhole blackhole) throws Exception {
        blackhole.consume(breakwaterCircuitBreaker.call(null));
    }

    @Benchmark
    public void resilience4jCircuitBreaker(Blackhole blackhole) {
        blackhole.consume(resilience4jCircuitBreaker.get());
    }

    @Benchmark
    public void breakwaterBulkhead(Blackhole blackhole) throws Exception {
        blackhole.consume(breakwaterBulkhead.call(null));
    }

    @Benchmark
    public void resilience4jBulkhead(Blackhole blackhole) {
        blackhole.consume(resilience4jBulkhead.get());
    }

    @Benchmark
    public void breakwaterRetry(Blackhole blackhole) throws Exception {
        blackhole.consume(breakwaterRetry.call(null));
    }

    @Benchmark
    public void breakwaterRetryWithMaxDuration(Blackhole blackhole) throws Exception {
        blackhole.consume(breakwaterRetryWithMaxDuration.call(null));
    }

    @Benchmark
    public void resilience4jRetry(Blackhole blackhole) {
        blackhole.consume(resilience4jRetry.get());
    }
}
