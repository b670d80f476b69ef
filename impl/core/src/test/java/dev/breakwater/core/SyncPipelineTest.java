package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Synchronous pipelines. Each call carries its own behaviour as the context, so one pipeline (with its breaker
 * and bulkhead state) can see calls that behave differently.
 */
class SyncPipelineTest {

    private static final ExceptionPredicate ALL = ExceptionPredicate.all();
    private static final long TIMEOUT_MS = 50;

    private final ThreadPools threads = ThreadPools.create("sync-test");
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final AtomicLong now = new AtomicLong();
    private final Ticker ticker = now::get;

    @AfterEach
    void closeThreads() {
        callers.shutdownNow();
        threads.close();
    }

    private static PipelineBuilder<Callable<Object>> pipeline() {
        return Pipeline.builder("op", Callable::call);
    }

    private static Callable<Object> failing(Exception failure) {
        return () -> {
            throw failure;
        };
    }

    private static ExceptionPredicate only(Class<? extends Throwable> type) {
        return ExceptionPredicate.of(List.of(type), List.of());
    }

    private static RetryPolicy retries(int maxRetries, ExceptionPredicate retryOn) {
        return new RetryPolicy(maxRetries, 0, 0, 0, retryOn);
    }

    private CircuitBreaker breaker(int requestVolumeThreshold) {
        return new CircuitBreaker(
                "breaker",
                new CircuitBreakerPolicy(
                        TimeUnit.SECONDS.toNanos(10), requestVolumeThreshold, 1.0, 1, ALL),
                ticker,
                BreakerStateListener.NONE);
    }

    private static TimeoutPolicy timeout() {
        return new TimeoutPolicy(TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS));
    }

    /** A call that blocks until it is interrupted, and then fails with the interrupt. */
    private static Callable<Object> blockedUntilInterrupted(AtomicReference<Throwable> seen) {
        return () -> {
            try {
                new CountDownLatch(1).await();
                return "never";
            } catch (InterruptedException e) {
                seen.set(e);
                throw e;
            }
        };
    }

    /**
     * Asserts that {@code capacity} calls can run at once and one more is refused, then lets them finish. The
     * held calls keep their places whatever interrupts arrive, so a timeout in the pipeline cannot free a place
     * while the test looks; their own outcome (a result or a timeout) does not matter here.
     */
    private void assertBulkheadCapacity(Pipeline<Callable<Object>> pipeline, int capacity)
            throws Exception {
        CountDownLatch entered = new CountDownLatch(capacity);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Object>> running = new ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            running.add(
                    callers.submit(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                entered.countDown();
                                                while (true) {
                                                    try {
                                                        release.await();
                                                        return "held";
                                                    } catch (InterruptedException e) {
                                                        // holds the place regardless
                                                    }
                                                }
                                            })));
        }
        Gate.await(entered);
        assertThatThrownBy(() -> pipeline.call(() -> "one too many"))
                .isInstanceOf(BulkheadFull.class);
        release.countDown();
        for (Future<Object> call : running) {
            try {
                assertThat(call.get(Gate.PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("held");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TimedOut.class);
            }
        }
    }

    @Test
    void aPipelineWithoutPoliciesReturnsTheResultAndPropagatesTheFailure() throws Exception {
        Pipeline<Callable<Object>> pipeline = pipeline().build(threads);
        IOException failure = new IOException("boom");

        assertThat(pipeline.call(() -> "result")).isEqualTo("result");
        assertThatThrownBy(() -> pipeline.call(failing(failure))).isSameAs(failure);
        assertThat(pipeline.circuitBreaker()).isNull();
    }

    @Nested
    class Retries {

        @Test
        void aFailingCallIsTriedMaxRetriesMoreTimesAndTheLastFailureIsThrown() {
            Pipeline<Callable<Object>> pipeline = pipeline().retry(retries(3, ALL)).build(threads);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                throw new IOException(
                                                        "attempt " + attempts.incrementAndGet());
                                            }))
                    .isInstanceOf(IOException.class)
                    .hasMessage("attempt 4");
            assertThat(attempts).hasValue(4);
        }

        @Test
        void retriesStopAtTheFirstSuccess() throws Exception {
            Pipeline<Callable<Object>> pipeline = pipeline().retry(retries(5, ALL)).build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                if (attempts.incrementAndGet() < 3) {
                                    throw new IOException();
                                }
                                return "third time lucky";
                            });

            assertThat(result).isEqualTo("third time lucky");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void aCustomBackoffGetsOneStrategyPerCallThatIsAskedBeforeEachRetryWithItsFailure()
                throws Exception {
            List<List<String>> strategies = new ArrayList<>();
            Backoff custom =
                    new Backoff.Custom(
                            () -> {
                                List<String> seen = new ArrayList<>();
                                strategies.add(seen);
                                return new BackoffStrategy() {
                                    @Override
                                    public void init(long initialDelayNanos) {
                                        seen.add("init " + initialDelayNanos);
                                    }

                                    @Override
                                    public long nextDelayNanos(Throwable failure) {
                                        seen.add(failure.getMessage());
                                        return 0;
                                    }
                                };
                            });
            Pipeline<Callable<Object>> pipeline =
                    pipeline().retry(new RetryPolicy(5, 7, 0, 0, ALL, custom)).build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                if (attempts.incrementAndGet() < 3) {
                                    throw new IOException("attempt " + attempts.get());
                                }
                                return "done";
                            });
            pipeline.call(() -> "no retry, no strategy");

            assertThat(result).isEqualTo("done");
            assertThat(strategies).containsExactly(List.of("init 7", "attempt 1", "attempt 2"));
        }

        @Test
        void zeroMaxRetriesMeansOneAttempt() {
            Pipeline<Callable<Object>> pipeline = pipeline().retry(retries(0, ALL)).build(threads);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                attempts.incrementAndGet();
                                                throw new IOException();
                                            }))
                    .isInstanceOf(IOException.class);
            assertThat(attempts).hasValue(1);
        }

        @Test
        void maxRetriesOfMinusOneRetriesWithoutLimit() throws Exception {
            Pipeline<Callable<Object>> pipeline = pipeline().retry(retries(-1, ALL)).build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                if (attempts.incrementAndGet() < 100) {
                                    throw new IOException();
                                }
                                return "done";
                            });

            assertThat(result).isEqualTo("done");
            assertThat(attempts).hasValue(100);
        }

        @Test
        void aFailureNotInRetryOnIsNotRetried() {
            Pipeline<Callable<Object>> pipeline =
                    pipeline().retry(retries(3, only(IOException.class))).build(threads);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                attempts.incrementAndGet();
                                                throw new IllegalStateException();
                                            }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(attempts).hasValue(1);
        }

        @Test
        void abortOnWinsOverRetryOn() {
            ExceptionPredicate retryOn =
                    ExceptionPredicate.of(
                            List.of(IOException.class), List.of(FileNotFoundException.class));
            Pipeline<Callable<Object>> pipeline =
                    pipeline().retry(retries(3, retryOn)).build(threads);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                attempts.incrementAndGet();
                                                throw new FileNotFoundException();
                                            }))
                    .isInstanceOf(FileNotFoundException.class);
            assertThat(attempts).hasValue(1);
        }

        @Test
        void noRetryStartsOnceMaxDurationHasPassedSinceTheFirstAttemptBegan() {
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .retry(
                                    new RetryPolicy(
                                            -1, 0, TimeUnit.MILLISECONDS.toNanos(100), 0, ALL))
                            .ticker(ticker)
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                attempts.incrementAndGet();
                                                now.addAndGet(
                                                        TimeUnit.MILLISECONDS.toNanos(
                                                                40)); // the attempt takes 40 ms
                                                throw new IOException();
                                            }))
                    .isInstanceOf(IOException.class);

            // attempts end at 40, 80 and 120 ms: the third ends past the 100 ms limit
            assertThat(attempts).hasValue(3);
        }

        @Test
        void withoutMaxDurationTheClockIsNeverReadAndTimeDoesNotStopRetries() throws Exception {
            AtomicInteger clockReads = new AtomicInteger();
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .retry(retries(5, ALL))
                            .ticker(
                                    () -> {
                                        clockReads.incrementAndGet();
                                        return now.get();
                                    })
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                now.addAndGet(TimeUnit.DAYS.toNanos(1));
                                if (attempts.incrementAndGet() < 6) {
                                    throw new IOException();
                                }
                                return "sixth attempt";
                            });

            assertThat(result).isEqualTo("sixth attempt");
            assertThat(clockReads).hasValue(0);
        }

        @Test
        void theDelayPausesBeforeEachRetry() {
            long delayMs = 20;
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .retry(
                                    new RetryPolicy(
                                            2, TimeUnit.MILLISECONDS.toNanos(delayMs), 0, 0, ALL))
                            .build(threads);
            long start = System.nanoTime();

            assertThatThrownBy(() -> pipeline.call(failing(new IOException())))
                    .isInstanceOf(IOException.class);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(2 * delayMs);
        }

        @Test
        void anInterruptDuringThePauseEndsTheRetriesWithTheLastFailureAttached() {
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .retry(new RetryPolicy(5, TimeUnit.SECONDS.toNanos(10), 0, 0, ALL))
                            .build(threads);
            IOException failure = new IOException("first");
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                attempts.incrementAndGet();
                                                Thread.currentThread()
                                                        .interrupt(); // arrives while the retry
                                                // pauses
                                                throw failure;
                                            }))
                    .isInstanceOf(InterruptedException.class)
                    .hasSuppressedException(failure);
            assertThat(attempts).hasValue(1);
            assertThat(Thread.interrupted()).isFalse();
        }
    }

    @Nested
    class Fallbacks {

        @Test
        void theFallbackReplacesTheResultOfAFailureInApplyOn() throws Exception {
            IOException failure = new IOException("boom");
            List<Object> seen = new ArrayList<>();
            Callable<Object> call = failing(failure);
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .fallback(
                                    new FallbackPolicy<>(
                                            only(IOException.class),
                                            (context, cause) -> {
                                                seen.add(context);
                                                seen.add(cause);
                                                return "fallback";
                                            }))
                            .build(threads);

            assertThat(pipeline.call(call)).isEqualTo("fallback");
            assertThat(seen).containsExactly(call, failure);
        }

        @Test
        void aFailureOutsideApplyOnOrInSkipOnPropagatesWithoutTheFallback() {
            AtomicInteger fallbacks = new AtomicInteger();
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .fallback(
                                    new FallbackPolicy<>(
                                            ExceptionPredicate.of(
                                                    List.of(IOException.class),
                                                    List.of(FileNotFoundException.class)),
                                            (context, cause) -> fallbacks.incrementAndGet()))
                            .build(threads);

            assertThatThrownBy(() -> pipeline.call(failing(new FileNotFoundException())))
                    .isInstanceOf(FileNotFoundException.class);
            assertThatThrownBy(() -> pipeline.call(failing(new IllegalStateException())))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(fallbacks).hasValue(0);
        }

        @Test
        void aSuccessfulCallDoesNotUseTheFallback() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .fallback(new FallbackPolicy<>(ALL, (context, cause) -> "fallback"))
                            .build(threads);

            assertThat(pipeline.call(() -> "result")).isEqualTo("result");
        }

        @Test
        void theFallbacksOwnFailurePropagates() {
            IllegalStateException fallbackFailure = new IllegalStateException("fallback failed");
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .fallback(
                                    new FallbackPolicy<>(
                                            ALL,
                                            (context, cause) -> {
                                                throw fallbackFailure;
                                            }))
                            .build(threads);

            assertThatThrownBy(() -> pipeline.call(failing(new IOException())))
                    .isSameAs(fallbackFailure);
        }
    }

    @Nested
    class CircuitBreakers {

        @Test
        void anOpenBreakerRefusesTheCallWithTheRejectionsFactorysExceptionAndTheCalleeDoesNotRun() {
            class Refused extends RuntimeException {
                private static final long serialVersionUID = 1L;

                Refused(String name) {
                    super(name);
                }
            }
            Rejections rejections =
                    new Rejections() {
                        @Override
                        public RuntimeException circuitBreakerOpen(String name) {
                            return new Refused(name);
                        }

                        @Override
                        public RuntimeException bulkheadFull(String name) {
                            throw new AssertionError();
                        }

                        @Override
                        public RuntimeException timedOut(String name, long timeoutMillis) {
                            throw new AssertionError();
                        }
                    };
            CircuitBreaker breaker = breaker(2);
            Pipeline<Callable<Object>> pipeline =
                    pipeline().circuitBreaker(breaker).rejections(rejections).build(threads);
            AtomicInteger calls = new AtomicInteger();
            breaker.forceOpen();

            assertThatThrownBy(() -> pipeline.call(calls::incrementAndGet))
                    .isInstanceOf(Refused.class)
                    .hasMessage("op");
            assertThat(calls).hasValue(0);
            assertThat(pipeline.circuitBreaker()).isSameAs(breaker);
        }

        @Test
        void failedCallsOpenTheBreakerAndTheDefaultRejectionNamesTheOperation() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline().circuitBreaker(breaker(2)).build(threads);
            AtomicInteger calls = new AtomicInteger();

            assertThat(pipeline.call(calls::incrementAndGet)).isEqualTo(1);
            assertThatThrownBy(() -> pipeline.call(failing(new IOException())))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> pipeline.call(failing(new IOException())))
                    .isInstanceOf(IOException.class);

            assertThatThrownBy(() -> pipeline.call(calls::incrementAndGet))
                    .isInstanceOf(CircuitBreakerOpen.class)
                    .hasMessage("circuit breaker is open for op");
            assertThat(calls).hasValue(1);
        }

        @Test
        void anErrorCountsAsAFailureAndIsRethrownUnchanged() {
            CircuitBreaker breaker = breaker(1);
            Pipeline<Callable<Object>> pipeline = pipeline().circuitBreaker(breaker).build(threads);
            AssertionError error = new AssertionError("an error");

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                throw error;
                                            }))
                    .isSameAs(error);
            assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        }
    }

    @Nested
    class Timeouts {

        @Test
        void aBlockedCalleeIsInterruptedAndTheCallFailsWithTheTimeout() {
            Pipeline<Callable<Object>> pipeline = pipeline().timeout(timeout()).build(threads);
            AtomicReference<Throwable> seen = new AtomicReference<>();

            assertThatThrownBy(() -> pipeline.call(blockedUntilInterrupted(seen)))
                    .isInstanceOf(TimedOut.class)
                    .hasMessage("op timed out after " + TIMEOUT_MS + " ms");

            assertThat(seen.get()).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted())
                    .as("caller's interrupt flag")
                    .isFalse();
        }

        @Test
        void aCalleeThatIgnoresTheInterruptAndReturnsNormallyStillTimesOut() {
            Pipeline<Callable<Object>> pipeline = pipeline().timeout(timeout()).build(threads);

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                while (!Thread.currentThread().isInterrupted()) {
                                                    Thread.onSpinWait(); // busy, deaf to the
                                                    // interrupt until it has
                                                    // landed
                                                }
                                                return "finished late";
                                            }))
                    .isInstanceOf(TimedOut.class);

            assertThat(Thread.currentThread().isInterrupted())
                    .as("caller's interrupt flag")
                    .isFalse();
        }

        @Test
        void aCalleeThatSwallowsTheInterruptStillTimesOut() {
            Pipeline<Callable<Object>> pipeline = pipeline().timeout(timeout()).build(threads);

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                try {
                                                    new CountDownLatch(1).await();
                                                } catch (InterruptedException swallowed) {
                                                    // carries on as if nothing happened
                                                }
                                                return "finished late";
                                            }))
                    .isInstanceOf(TimedOut.class);

            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }

        @Test
        void aFailureOfATimedOutCalleeIsAttachedToTheTimeout() {
            Pipeline<Callable<Object>> pipeline = pipeline().timeout(timeout()).build(threads);
            IOException failure = new IOException("late failure");

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                try {
                                                    new CountDownLatch(1).await();
                                                } catch (InterruptedException e) {
                                                    throw failure;
                                                }
                                                return "never";
                                            }))
                    .isInstanceOf(TimedOut.class)
                    .hasSuppressedException(failure);
        }

        @Test
        void aCallThatEndsInTimeKeepsItsOutcomeAndLeavesNoInterruptNorArmedTimeout()
                throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .timeout(new TimeoutPolicy(TimeUnit.SECONDS.toNanos(30)))
                            .build(threads);
            IOException failure = new IOException();

            for (int i = 0; i < 100; i++) {
                assertThat(pipeline.call(() -> "in time")).isEqualTo("in time");
                assertThatThrownBy(() -> pipeline.call(failing(failure))).isSameAs(failure);
            }

            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(threads.armedTimeouts()).isZero();
        }

        @Test
        void aZeroTimeoutNeverTimesOutAndStartsNoTimer() throws Exception {
            try (ThreadPools own = ThreadPools.create("zero-timeout")) {
                Pipeline<Callable<Object>> pipeline =
                        pipeline().timeout(new TimeoutPolicy(0)).build(own);

                assertThat(pipeline.call(() -> "result")).isEqualTo("result");

                assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(
                                thread -> thread.getName().startsWith("breakwater-zero-timeout"));
            }
        }
    }

    @Nested
    class Bulkheads {

        @Test
        void aCallIsRefusedWhileValueCallsRun() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline().bulkhead(new BulkheadPolicy(2, 10)).build(threads);

            assertBulkheadCapacity(pipeline, 2);
        }

        @Test
        void theRejectionNamesTheOperation() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline().bulkhead(new BulkheadPolicy(1, 1)).build(threads);
            Gate gate = new Gate(1);
            Future<Object> held = callers.submit(() -> pipeline.call(gate.pass("held")));
            gate.awaitArrivals();

            assertThatThrownBy(() -> pipeline.call(() -> "refused"))
                    .hasMessage("bulkhead is full for op");

            gate.open();
            assertThat(held.get(Gate.PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("held");
        }

        @Test
        void placesComeBackAfterSuccessesFailuresAndTimeouts() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline().bulkhead(new BulkheadPolicy(2, 1)).timeout(timeout()).build(threads);

            for (int i = 0; i < 5; i++) {
                assertThat(pipeline.call(() -> "ok")).isEqualTo("ok");
                assertThatThrownBy(() -> pipeline.call(failing(new IOException())))
                        .isInstanceOf(IOException.class);
                assertThatThrownBy(
                                () ->
                                        pipeline.call(
                                                () -> {
                                                    throw new AssertionError("an error");
                                                }))
                        .isInstanceOf(AssertionError.class);
            }
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(
                                () ->
                                        pipeline.call(
                                                blockedUntilInterrupted(new AtomicReference<>())))
                        .isInstanceOf(TimedOut.class);
            }

            assertBulkheadCapacity(pipeline, 2);
        }
    }

    /** The policies nest as Fallback(Retry(CircuitBreaker(Timeout(Bulkhead(operation))))). */
    @Nested
    class Order {

        @Test
        void theFallbackSeesTheFailureOfTheLastRetry() throws Exception {
            AtomicInteger attempts = new AtomicInteger();
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .fallback(
                                    new FallbackPolicy<>(
                                            ALL,
                                            (context, cause) -> {
                                                seen.set(cause);
                                                return "fallback";
                                            }))
                            .retry(retries(2, ALL))
                            .build(threads);

            Object result =
                    pipeline.call(
                            () -> {
                                throw new IOException("attempt " + attempts.incrementAndGet());
                            });

            assertThat(result).isEqualTo("fallback");
            assertThat(attempts).hasValue(3);
            assertThat(seen.get()).hasMessage("attempt 3");
        }

        @Test
        void everyAttemptCountsInTheBreakerAndItsRejectionEndsTheRetriesWhenRetryOnDoesNotMatchIt()
                throws Exception {
            CircuitBreaker breaker = breaker(3);
            AtomicInteger attempts = new AtomicInteger();
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .fallback(
                                    new FallbackPolicy<>(
                                            ALL,
                                            (context, cause) -> {
                                                seen.set(cause);
                                                return "fallback";
                                            }))
                            .retry(retries(10, only(IOException.class)))
                            .circuitBreaker(breaker)
                            .build(threads);

            Object result =
                    pipeline.call(
                            () -> {
                                attempts.incrementAndGet();
                                throw new IOException();
                            });

            assertThat(result).isEqualTo("fallback");
            assertThat(attempts).as("the third failure opens the breaker").hasValue(3);
            assertThat(seen.get()).isInstanceOf(CircuitBreakerOpen.class);
        }

        @Test
        void aBreakerRejectionIsRetriedWhenRetryOnMatchesIt() {
            AtomicInteger rejections = new AtomicInteger();
            Rejections counting =
                    new Rejections() {
                        @Override
                        public RuntimeException circuitBreakerOpen(String name) {
                            rejections.incrementAndGet();
                            return Rejections.DEFAULT.circuitBreakerOpen(name);
                        }

                        @Override
                        public RuntimeException bulkheadFull(String name) {
                            return Rejections.DEFAULT.bulkheadFull(name);
                        }

                        @Override
                        public RuntimeException timedOut(String name, long timeoutMillis) {
                            return Rejections.DEFAULT.timedOut(name, timeoutMillis);
                        }
                    };
            CircuitBreaker breaker = breaker(1);
            breaker.forceOpen();
            Pipeline<Callable<Object>> retryAll =
                    pipeline()
                            .retry(retries(4, ALL))
                            .circuitBreaker(breaker)
                            .rejections(counting)
                            .build(threads);
            Pipeline<Callable<Object>> retryIo =
                    pipeline()
                            .retry(retries(4, only(IOException.class)))
                            .circuitBreaker(breaker)
                            .rejections(counting)
                            .build(threads);

            assertThatThrownBy(() -> retryAll.call(() -> "never"))
                    .isInstanceOf(CircuitBreakerOpen.class);
            assertThat(rejections).hasValue(5);

            rejections.set(0);
            assertThatThrownBy(() -> retryIo.call(() -> "never"))
                    .isInstanceOf(CircuitBreakerOpen.class);
            assertThat(rejections).hasValue(1);
        }

        @Test
        void aTimeoutCountsAsAFailureOfTheBreaker() {
            CircuitBreaker breaker = breaker(1);
            Pipeline<Callable<Object>> pipeline =
                    pipeline().circuitBreaker(breaker).timeout(timeout()).build(threads);

            assertThatThrownBy(
                            () -> pipeline.call(blockedUntilInterrupted(new AtomicReference<>())))
                    .isInstanceOf(TimedOut.class);

            assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        }

        @Test
        void aBulkheadRejectionCountsAsAFailureOfTheBreaker() throws Exception {
            CircuitBreaker breaker = breaker(1);
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .circuitBreaker(breaker)
                            .bulkhead(new BulkheadPolicy(1, 1))
                            .build(threads);
            Gate gate = new Gate(1);
            Future<Object> held = callers.submit(() -> pipeline.call(gate.pass("held")));
            gate.awaitArrivals();

            assertThatThrownBy(() -> pipeline.call(() -> "refused"))
                    .isInstanceOf(BulkheadFull.class);
            assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);

            gate.open();
            assertThat(held.get(Gate.PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("held");
            assertThat(breaker.state())
                    .as("the held call's success came from a closed period")
                    .isEqualTo(BreakerState.OPEN);
        }

        @Test
        void eachTimedOutAttemptGivesItsBulkheadPlaceBackBeforeTheRetry() {
            AtomicBoolean interrupted = new AtomicBoolean();
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .retry(retries(2, only(TimedOut.class)))
                            .timeout(timeout())
                            .bulkhead(new BulkheadPolicy(1, 1))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                attempts.incrementAndGet();
                                                try {
                                                    new CountDownLatch(1).await();
                                                } catch (InterruptedException e) {
                                                    interrupted.set(true);
                                                    throw e;
                                                }
                                                return "never";
                                            }))
                    .isInstanceOf(TimedOut.class);

            assertThat(attempts)
                    .as("each timed-out attempt gave its bulkhead place back")
                    .hasValue(3);
            assertThat(interrupted).isTrue();
        }
    }
}
