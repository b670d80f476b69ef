package dev.breakwater.benchmarks.core;

import dev.breakwater.api.BreakerState;
import dev.breakwater.benchmarks.Work;
import dev.breakwater.core.BulkheadFull;
import dev.breakwater.core.Guard;
import dev.breakwater.core.RateLimitType;
import dev.breakwater.core.RateLimited;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Breakwater's typed API ({@link Guard} with core's {@code CircuitBreaker}, {@code Bulkhead} and {@code RateLimiter}
 * builders) next to Resilience4j's decorators and Failsafe's executors doing the same work on the same operation,
 * success path, each library's objects built once in the setup as its documentation shows:
 * <ul>
 *   <li>circuit breaker: count-based, over the last 20 calls, opening at 50 % failures, 5 s open, closing after
 *   1 trial success. Failsafe's count-based breaker ({@code withFailureThreshold(10, 20)}) has no minimum number of
 *   calls: it opens at the 10th failure even before 20 calls, where the other two wait for a full window;</li>
 *   <li>retry: up to 3 retries, no delay, no jitter, no limit on the total duration; on the success path nothing
 *   is retried. {@code breakwaterRetryWithMaxDuration} is Breakwater's retry under the spec's default
 *   {@code maxDuration} of 3 minutes, which costs a clock read per call (neither other library has one by default);</li>
 *   <li>bulkhead: a semaphore of 10 places that refuses at once when full (no waiting);</li>
 *   <li>rate limiter: a fixed window ("bursty" in Failsafe) of {@code Integer.MAX_VALUE} calls a second that refuses
 *   at once, so that no measured call is refused: the row is the cost of taking a permit;</li>
 *   <li>composition: retry, circuit breaker, rate limiter and bulkhead around the operation, outermost first (the
 *   MicroProfile order), each policy its own instance configured as above: Breakwater's one {@link Guard},
 *   Resilience4j's decorators nested by hand in that order, Failsafe's {@code Failsafe.with(retry, breaker,
 *   limiter, bulkhead)}.</li>
 * </ul>
 * {@code direct} is the operation called straight. Run with {@code -t 1} and {@code -t 2}; breakers, bulkheads and
 * limiters are shared by all threads. The setup checks, on the measured instances, that each retry retries, each
 * breaker opens after the same calls and each bulkhead gives exactly 10 places (Failsafe's on a twin, see
 * {@code Checks}), and that each limiter's configuration refuses without waiting.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TypedApiBenchmark {

    private static final int WINDOW = 20;
    private static final double FAILURE_RATIO = 0.5;
    private static final Duration OPEN_DELAY = Duration.ofSeconds(5);
    private static final int PLACES = 10;
    private static final int MAX_RETRIES = 3;
    private static final int RATE = Integer.MAX_VALUE;
    private static final Duration RATE_WINDOW = Duration.ofSeconds(1);

    /** The operation, in the shape each library takes it; none captures anything. */
    private static final Supplier<Object> SUPPLIER = Work::value;

    private static final CheckedSupplier<Object> CHECKED_SUPPLIER = Work::value;

    private Guard<Object> breakwaterCircuitBreaker;
    private Guard<Object> breakwaterRetry;
    private Guard<Object> breakwaterRetryWithMaxDuration;
    private Guard<Object> breakwaterBulkhead;
    private Guard<Object> breakwaterRateLimiter;
    private Guard<Object> breakwaterComposition;
    private dev.breakwater.core.CircuitBreaker breakwaterBreaker;
    private dev.breakwater.core.Bulkhead breakwaterPlaces;

    private Supplier<Object> resilience4jCircuitBreaker;
    private Supplier<Object> resilience4jRetry;
    private Supplier<Object> resilience4jBulkhead;
    private Supplier<Object> resilience4jRateLimiter;
    private Supplier<Object> resilience4jComposition;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jBreaker;
    private io.github.resilience4j.bulkhead.Bulkhead resilience4jPlaces;

    private FailsafeExecutor<Object> failsafeCircuitBreaker;
    private FailsafeExecutor<Object> failsafeRetry;
    private FailsafeExecutor<Object> failsafeBulkhead;
    private FailsafeExecutor<Object> failsafeRateLimiter;
    private FailsafeExecutor<Object> failsafeComposition;
    private dev.failsafe.CircuitBreaker<Object> failsafeBreaker;

    @Setup(Level.Trial)
    public void build() throws Throwable {
        breakwaterBreaker = breakwaterBreaker("circuitBreaker");
        breakwaterCircuitBreaker =
                Guard.builder("circuitBreaker").circuitBreaker(breakwaterBreaker).build();
        breakwaterRetry =
                Guard.builder("retry")
                        .retry(
                                retry ->
                                        retry.maxRetries(MAX_RETRIES)
                                                .jitter(Duration.ZERO)
                                                .maxDuration(Duration.ZERO))
                        .build();
        breakwaterRetryWithMaxDuration =
                Guard.builder("retryWithMaxDuration")
                        .retry(retry -> retry.maxRetries(MAX_RETRIES).jitter(Duration.ZERO))
                        .build();
        breakwaterPlaces = breakwaterBulkhead();
        breakwaterBulkhead = Guard.builder("bulkhead").bulkhead(breakwaterPlaces).build();
        breakwaterRateLimiter =
                Guard.builder("rateLimiter").rateLimiter(breakwaterRateLimiter(RATE)).build();
        breakwaterComposition =
                Guard.builder("composition")
                        .retry(
                                retry ->
                                        retry.maxRetries(MAX_RETRIES)
                                                .jitter(Duration.ZERO)
                                                .maxDuration(Duration.ZERO))
                        .circuitBreaker(breakwaterBreaker("composition"))
                        .rateLimiter(breakwaterRateLimiter(RATE))
                        .bulkhead(breakwaterBulkhead())
                        .build();

        resilience4jBreaker = resilience4jBreaker("circuitBreaker");
        resilience4jCircuitBreaker =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                        resilience4jBreaker, SUPPLIER);
        resilience4jRetry = Retry.decorateSupplier(resilience4jRetry("retry"), SUPPLIER);
        resilience4jPlaces = resilience4jBulkhead("bulkhead");
        resilience4jBulkhead =
                io.github.resilience4j.bulkhead.Bulkhead.decorateSupplier(
                        resilience4jPlaces, SUPPLIER);
        resilience4jRateLimiter =
                io.github.resilience4j.ratelimiter.RateLimiter.decorateSupplier(
                        resilience4jRateLimiter("rateLimiter", RATE), SUPPLIER);
        resilience4jComposition =
                Retry.decorateSupplier(
                        resilience4jRetry("composition"),
                        io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                                resilience4jBreaker("composition"),
                                io.github.resilience4j.ratelimiter.RateLimiter.decorateSupplier(
                                        resilience4jRateLimiter("composition", RATE),
                                        io.github.resilience4j.bulkhead.Bulkhead.decorateSupplier(
                                                resilience4jBulkhead("composition"), SUPPLIER))));

        failsafeBreaker = failsafeBreaker();
        failsafeCircuitBreaker = Failsafe.with(failsafeBreaker);
        failsafeRetry = Failsafe.with(failsafeRetry());
        failsafeBulkhead = Failsafe.with(failsafeBulkhead());
        failsafeRateLimiter = Failsafe.with(failsafeRateLimiter(RATE));
        failsafeComposition =
                Failsafe.with(
                        failsafeRetry(),
                        failsafeBreaker(),
                        failsafeRateLimiter(RATE),
                        failsafeBulkhead());

        Checks.run(this);
    }

    private static dev.breakwater.core.CircuitBreaker breakwaterBreaker(String name) {
        return dev.breakwater.core.CircuitBreaker.builder(name)
                .requestVolumeThreshold(WINDOW)
                .failureRatio(FAILURE_RATIO)
                .delay(OPEN_DELAY)
                .successThreshold(1)
                .build();
    }

    private static dev.breakwater.core.Bulkhead breakwaterBulkhead() {
        return dev.breakwater.core.Bulkhead.builder().limit(PLACES).build();
    }

    static dev.breakwater.core.RateLimiter breakwaterRateLimiter(int rate) {
        return dev.breakwater.core.RateLimiter.builder()
                .limit(rate)
                .window(RATE_WINDOW)
                .type(RateLimitType.FIXED)
                .build();
    }

    private static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jBreaker(
            String name) {
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(WINDOW)
                        .minimumNumberOfCalls(WINDOW)
                        .failureRateThreshold((float) (FAILURE_RATIO * 100))
                        .waitDurationInOpenState(OPEN_DELAY)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
    }

    private static Retry resilience4jRetry(String name) {
        return Retry.of(
                name,
                RetryConfig.custom()
                        .maxAttempts(MAX_RETRIES + 1)
                        .waitDuration(Duration.ZERO)
                        .build());
    }

    private static io.github.resilience4j.bulkhead.Bulkhead resilience4jBulkhead(String name) {
        return io.github.resilience4j.bulkhead.Bulkhead.of(
                name,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(PLACES)
                        .maxWaitDuration(Duration.ZERO)
                        .build());
    }

    static io.github.resilience4j.ratelimiter.RateLimiter resilience4jRateLimiter(
            String name, int rate) {
        return io.github.resilience4j.ratelimiter.RateLimiter.of(
                name,
                RateLimiterConfig.custom()
                        .limitForPeriod(rate)
                        .limitRefreshPeriod(RATE_WINDOW)
                        .timeoutDuration(Duration.ZERO)
                        .build());
    }

    private static dev.failsafe.CircuitBreaker<Object> failsafeBreaker() {
        return dev.failsafe.CircuitBreaker.builder()
                .withFailureThreshold((int) (WINDOW * FAILURE_RATIO), WINDOW)
                .withDelay(OPEN_DELAY)
                .withSuccessThreshold(1)
                .build();
    }

    private static RetryPolicy<Object> failsafeRetry() {
        return RetryPolicy.builder().withMaxRetries(MAX_RETRIES).build();
    }

    private static dev.failsafe.Bulkhead<Object> failsafeBulkhead() {
        return dev.failsafe.Bulkhead.builder(PLACES).withMaxWaitTime(Duration.ZERO).build();
    }

    static dev.failsafe.RateLimiter<Object> failsafeRateLimiter(int rate) {
        return dev.failsafe.RateLimiter.burstyBuilder(rate, RATE_WINDOW)
                .withMaxWaitTime(Duration.ZERO)
                .build();
    }

    @Benchmark
    public void direct(Blackhole blackhole) {
        blackhole.consume(SUPPLIER.get());
    }

    @Benchmark
    public void breakwaterCircuitBreaker(Blackhole blackhole) {
        blackhole.consume(breakwaterCircuitBreaker.call(SUPPLIER));
    }

    @Benchmark
    public void resilience4jCircuitBreaker(Blackhole blackhole) {
        blackhole.consume(resilience4jCircuitBreaker.get());
    }

    @Benchmark
    public void failsafeCircuitBreaker(Blackhole blackhole) {
        blackhole.consume(failsafeCircuitBreaker.get(CHECKED_SUPPLIER));
    }

    @Benchmark
    public void breakwaterRetry(Blackhole blackhole) {
        blackhole.consume(breakwaterRetry.call(SUPPLIER));
    }

    @Benchmark
    public void breakwaterRetryWithMaxDuration(Blackhole blackhole) {
        blackhole.consume(breakwaterRetryWithMaxDuration.call(SUPPLIER));
    }

    @Benchmark
    public void resilience4jRetry(Blackhole blackhole) {
        blackhole.consume(resilience4jRetry.get());
    }

    @Benchmark
    public void failsafeRetry(Blackhole blackhole) {
        blackhole.consume(failsafeRetry.get(CHECKED_SUPPLIER));
    }

    @Benchmark
    public void breakwaterBulkhead(Blackhole blackhole) {
        blackhole.consume(breakwaterBulkhead.call(SUPPLIER));
    }

    @Benchmark
    public void resilience4jBulkhead(Blackhole blackhole) {
        blackhole.consume(resilience4jBulkhead.get());
    }

    @Benchmark
    public void failsafeBulkhead(Blackhole blackhole) {
        blackhole.consume(failsafeBulkhead.get(CHECKED_SUPPLIER));
    }

    @Benchmark
    public void breakwaterRateLimiter(Blackhole blackhole) {
        blackhole.consume(breakwaterRateLimiter.call(SUPPLIER));
    }

    @Benchmark
    public void resilience4jRateLimiter(Blackhole blackhole) {
        blackhole.consume(resilience4jRateLimiter.get());
    }

    @Benchmark
    public void failsafeRateLimiter(Blackhole blackhole) {
        blackhole.consume(failsafeRateLimiter.get(CHECKED_SUPPLIER));
    }

    @Benchmark
    public void breakwaterComposition(Blackhole blackhole) {
        blackhole.consume(breakwaterComposition.call(SUPPLIER));
    }

    @Benchmark
    public void resilience4jComposition(Blackhole blackhole) {
        blackhole.consume(resilience4jComposition.get());
    }

    @Benchmark
    public void failsafeComposition(Blackhole blackhole) {
        blackhole.consume(failsafeComposition.get(CHECKED_SUPPLIER));
    }

    /**
     * The setup's sanity checks: each library's measured objects do the same work. A failed check fails the
     * benchmark before anything is measured.
     */
    private static final class Checks {

        private Checks() {}

        static void run(TypedApiBenchmark b) throws Throwable {
            retries("Breakwater retry", () -> b.breakwaterRetry.call(SUPPLIER));
            retries(
                    "Breakwater retry under maxDuration",
                    () -> b.breakwaterRetryWithMaxDuration.call(SUPPLIER));
            retries("Breakwater composition", () -> b.breakwaterComposition.call(SUPPLIER));
            retries("Resilience4j retry", b.resilience4jRetry);
            retries("Resilience4j composition", b.resilience4jComposition);
            retries("Failsafe retry", () -> b.failsafeRetry.get(CHECKED_SUPPLIER));
            retries("Failsafe composition", () -> b.failsafeComposition.get(CHECKED_SUPPLIER));

            breakersOpenTogether(b);

            for (int round = 1; round <= 2; round++) {
                require(
                        places(body -> b.breakwaterBulkhead.call(body), BulkheadFull.class)
                                == PLACES,
                        "Breakwater bulkhead gives " + PLACES + " places, round " + round);
                require(
                        places(
                                        body -> b.resilience4jPlaces.executeSupplier(body),
                                        io.github.resilience4j.bulkhead.BulkheadFullException.class)
                                == PLACES,
                        "Resilience4j bulkhead gives " + PLACES + " places, round " + round);
            }
            require(
                    b.breakwaterPlaces.running() == 0
                            && b.resilience4jPlaces.getMetrics().getAvailableConcurrentCalls()
                                    == PLACES,
                    "places freed");
            // Failsafe 3.3.2's bulkhead hands the next freed place to the call it refused (its
            // waiting list keeps
            // the refused call's future), so each refusal costs it a place for good: checked on a
            // bulkhead built
            // the same way, so that the measured one keeps its 10.
            FailsafeExecutor<Object> failsafeProbe = Failsafe.with(failsafeBulkhead());
            require(
                    places(body -> failsafeProbe.get(body::get), BulkheadFullException.class)
                            == PLACES,
                    "Failsafe bulkhead gives " + PLACES + " places");
            passes("Failsafe bulkhead", () -> b.failsafeBulkhead.get(CHECKED_SUPPLIER));

            Guard<Object> breakwaterProbe =
                    Guard.builder("probe").rateLimiter(breakwaterRateLimiter(1)).build();
            Supplier<Object> resilience4jProbe =
                    io.github.resilience4j.ratelimiter.RateLimiter.decorateSupplier(
                            resilience4jRateLimiter("probe", 1), SUPPLIER);
            FailsafeExecutor<Object> failsafeLimiterProbe = Failsafe.with(failsafeRateLimiter(1));
            refusesSecond(
                    "Breakwater rate limiter",
                    () -> breakwaterProbe.call(SUPPLIER),
                    RateLimited.class);
            refusesSecond(
                    "Resilience4j rate limiter", resilience4jProbe, RequestNotPermitted.class);
            refusesSecond(
                    "Failsafe rate limiter",
                    () -> failsafeLimiterProbe.get(CHECKED_SUPPLIER),
                    RateLimitExceededException.class);
            passes("Breakwater rate limiter", () -> b.breakwaterRateLimiter.call(SUPPLIER));
            passes("Resilience4j rate limiter", b.resilience4jRateLimiter);
            passes("Failsafe rate limiter", () -> b.failsafeRateLimiter.get(CHECKED_SUPPLIER));
        }

        /** A first attempt that fails is retried once: two calls of the operation, and its value. */
        private static void retries(String what, Supplier<Object> call) {
            Work.startCheck(1);
            try {
                require(
                        Work.VALUE.equals(call.get()) && Work.calls() == 2,
                        what + " retries a failure once");
            } finally {
                Work.endCheck();
            }
        }

        /**
         * 10 successes then 9 failures leave every breaker closed; the 10th failure (10 of the last 20 calls)
         * opens all three. Then each is put back closed, with an empty window.
         */
        private static void breakersOpenTogether(TypedApiBenchmark b) {
            for (int i = 0; i < WINDOW / 2; i++) {
                passes("Breakwater breaker", () -> b.breakwaterCircuitBreaker.call(SUPPLIER));
                passes("Resilience4j breaker", b.resilience4jCircuitBreaker);
                passes("Failsafe breaker", () -> b.failsafeCircuitBreaker.get(CHECKED_SUPPLIER));
            }
            for (int i = 0; i < WINDOW / 2; i++) {
                if (i == WINDOW / 2 - 1) {
                    require(
                            b.breakwaterBreaker.state() == BreakerState.CLOSED
                                    && b.resilience4jBreaker.getState()
                                            == io.github.resilience4j.circuitbreaker.CircuitBreaker
                                                    .State.CLOSED
                                    && b.failsafeBreaker.isClosed(),
                            "all breakers closed after 9 failures in 19 calls");
                }
                fails(() -> b.breakwaterCircuitBreaker.call(SUPPLIER));
                fails(b.resilience4jCircuitBreaker);
                fails(() -> b.failsafeCircuitBreaker.get(CHECKED_SUPPLIER));
            }
            require(
                    b.breakwaterBreaker.state() == BreakerState.OPEN
                            && b.resilience4jBreaker.getState()
                                    == io.github.resilience4j.circuitbreaker.CircuitBreaker.State
                                            .OPEN
                            && b.failsafeBreaker.isOpen(),
                    "all breakers open after 10 failures in 20 calls");
            b.breakwaterBreaker.reset();
            b.resilience4jBreaker.reset();
            b.failsafeBreaker.close();
            require(
                    b.breakwaterBreaker.state() == BreakerState.CLOSED
                            && b.resilience4jBreaker.getState()
                                    == io.github.resilience4j.circuitbreaker.CircuitBreaker.State
                                            .CLOSED
                            && b.failsafeBreaker.isClosed(),
                    "all breakers closed again before the measurement");
        }

        private interface Entry {
            Object enter(Supplier<Object> body) throws Throwable;
        }

        /**
         * Enters the bulkhead from inside itself until it refuses, then unwinds.
         *
         * @return how many calls got a place
         */
        private static int places(Entry bulkhead, Class<? extends Throwable> refusal)
                throws Throwable {
            Nesting nesting = new Nesting(bulkhead);
            bulkhead.enter(nesting);
            require(
                    refusal.isInstance(nesting.refusal),
                    "bulkhead refused with "
                            + refusal.getSimpleName()
                            + ", not "
                            + nesting.refusal);
            return nesting.places;
        }

        private static final class Nesting implements Supplier<Object> {
            private final Entry bulkhead;
            private int places;
            private Throwable refusal;

            Nesting(Entry bulkhead) {
                this.bulkhead = bulkhead;
            }

            @Override
            public Object get() {
                places++;
                try {
                    return bulkhead.enter(this);
                } catch (Throwable refused) {
                    if (refusal == null) {
                        refusal = refused;
                    }
                    return null;
                }
            }
        }

        private static void refusesSecond(
                String what, Supplier<Object> call, Class<? extends Throwable> refusal) {
            passes(what, call);
            long before = System.nanoTime();
            try {
                call.get();
                throw new IllegalStateException(
                        "sanity check failed: " + what + " of 1 call let a second one pass");
            } catch (RuntimeException e) {
                require(
                        refusal.isInstance(e),
                        what + " refused with " + refusal.getSimpleName() + ", not " + e);
            }
            require(
                    System.nanoTime() - before < TimeUnit.MILLISECONDS.toNanos(500),
                    what + " refuses without waiting");
        }

        private static void passes(String what, Supplier<Object> call) {
            require(Work.VALUE.equals(call.get()), what + " lets the call pass");
        }

        private static void fails(Supplier<Object> call) {
            Work.startCheck(1);
            try {
                call.get();
                throw new IllegalStateException(
                        "sanity check failed: a planned failure did not fail");
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
    }
}
