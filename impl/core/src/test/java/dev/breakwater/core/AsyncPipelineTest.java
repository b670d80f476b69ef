package dev.breakwater.core;

import static dev.breakwater.core.Gate.PATIENCE_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous pipelines. The pool's executor counts what it runs, so a test can wait until the engine is idle
 * (to prove that something did not happen) without sleeping.
 */
class AsyncPipelineTest {

    private static final ExceptionPredicate ALL = ExceptionPredicate.all();
    private static final long TIMEOUT_MS = 50;

    private final TrackingExecutor executor = new TrackingExecutor();
    private final ThreadPools threads = ThreadPools.withExecutor("async-test", executor);

    @AfterEach
    void closeThreads() {
        threads.close();
        executor.shutdownNow();
    }

    private static PipelineBuilder<Callable<Object>> pipeline(AsyncMode mode) {
        return Pipeline.<Callable<Object>>builder("op", Callable::call).asynchronous(mode);
    }

    private static TimeoutPolicy timeout() {
        return new TimeoutPolicy(TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS));
    }

    private static CompletableFuture<Object> done(Object value) {
        return CompletableFuture.completedFuture(value);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> stage(Object result) {
        assertThat(result).isInstanceOf(CompletionStage.class);
        return ((CompletionStage<Object>) result).toCompletableFuture();
    }

    @SuppressWarnings("unchecked")
    private static Future<Object> future(Object result) {
        assertThat(result).isInstanceOf(Future.class);
        return (Future<Object>) result;
    }

    /** Waits for the outcome of what an asynchronous call returned, whatever its mode. */
    private static Object outcome(Object result) throws Exception {
        return future(result).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits for the failure of what an asynchronous call returned. */
    private static Throwable failure(Object result) throws Exception {
        try {
            Object value = outcome(result);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /**
     * A call that blocks until interrupted, counts down {@code interrupted}, and fails with the interrupt once
     * {@code release} opens. Holding on after the interrupt keeps the call's own failure from racing the timeout
     * or cancellation that caused it, so each test sees the behaviour it checks, not the outcome of a race.
     */
    private static Callable<Object> failsWhenInterrupted(
            CountDownLatch entered, CountDownLatch interrupted, CountDownLatch release) {
        return () -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
                return done("never");
            } catch (InterruptedException e) {
                interrupted.countDown();
                awaitRegardless(release);
                throw e;
            }
        };
    }

    private static void awaitRegardless(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keeps waiting
            }
        }
    }

    /** A call that holds its thread until {@code release} opens, whatever interrupts arrive meanwhile. */
    private static Callable<Object> heldDespiteInterrupts(
            CountDownLatch entered, CountDownLatch release) {
        return () -> {
            entered.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return done(interrupted ? "interrupted, finished anyway" : "finished");
        };
    }

    /**
     * Asserts that {@code value} calls can run and {@code queue} more wait, that one more fails through its
     * future with the bulkhead rejection, and then lets them all finish.
     */
    private void assertBulkheadCapacity(Pipeline<Callable<Object>> pipeline, int value, int queue)
            throws Exception {
        Gate gate = new Gate(value);
        List<Object> calls = new ArrayList<>();
        for (int i = 0; i < value; i++) {
            calls.add(pipeline.call(gate.pass(done("ran"))));
        }
        gate.awaitArrivals();
        AtomicInteger queuedRan = new AtomicInteger();
        for (int i = 0; i < queue; i++) {
            calls.add(
                    pipeline.call(
                            () -> {
                                queuedRan.incrementAndGet();
                                return done("waited");
                            }));
        }
        executor.awaitInFlight(value); // only the running calls hold a thread now
        assertThat(queuedRan).as("queued calls run only when a place frees").hasValue(0);

        Object refused = pipeline.call(() -> done("one too many"));

        assertThat(failure(refused))
                .isInstanceOf(BulkheadFull.class)
                .hasMessage("bulkhead is full for op");
        gate.open();
        for (int i = 0; i < calls.size(); i++) {
            assertThat(outcome(calls.get(i))).isEqualTo(i < value ? "ran" : "waited");
        }
        executor.awaitInFlight(0);
    }

    /**
     * Asserts that {@code value} calls can run at once even in a pipeline whose timeout may expire meanwhile: the
     * calls hold their places whatever interrupts arrive, so only a lost place can keep one of them from starting.
     */
    private void assertRunningPlaces(Pipeline<Callable<Object>> pipeline, int value)
            throws Exception {
        CountDownLatch entered = new CountDownLatch(value);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < value; i++) {
            pipeline.call(heldDespiteInterrupts(entered, release));
        }
        Gate.await(entered);
        release.countDown();
        executor.awaitInFlight(0);
    }

    @Nested
    class Basics {

        @Test
        void withoutOffloadTheOperationRunsOnTheCallersThreadAndItsStageIsGuarded()
                throws Exception {
            Thread caller = Thread.currentThread();
            List<Thread> ranOn = new ArrayList<>();
            AtomicInteger attempts = new AtomicInteger();
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .offload(false)
                            .retry(new RetryPolicy(1, 0, 0, 0, ALL))
                            .build(threads);

            Object result =
                    stage(
                                    pipeline.call(
                                            () -> {
                                                ranOn.add(Thread.currentThread());
                                                return attempts.incrementAndGet() == 1
                                                        ? CompletableFuture.failedFuture(
                                                                new IOException("first"))
                                                        : done("second");
                                            }))
                            .get(PATIENCE_SECONDS, TimeUnit.SECONDS);

            assertThat(result).isEqualTo("second");
            assertThat(ranOn)
                    .as("the threads of both attempts")
                    .hasSize(2)
                    .first()
                    .isSameAs(caller);
        }

        @Test
        void theHandOffRunsOnTheCallersThreadAndTheOperationGetsWhatItReturned() throws Exception {
            Thread caller = Thread.currentThread();
            List<Thread> handOffThreads = new ArrayList<>();
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .handOff(
                                    operation -> {
                                        handOffThreads.add(Thread.currentThread());
                                        return () ->
                                                done(
                                                        "handed off, then "
                                                                + ((CompletableFuture<?>)
                                                                                operation.call())
                                                                        .join());
                                    })
                            .build(threads);

            Object result =
                    stage(pipeline.call(() -> done("called")))
                            .get(PATIENCE_SECONDS, TimeUnit.SECONDS);

            assertThat(result).isEqualTo("handed off, then called");
            assertThat(handOffThreads).containsExactly(caller);
        }

        @Test
        void theCallerGetsAnIncompleteStageAtOnceThatCompletesWithTheOperationsResult()
                throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).build(threads);
            Gate gate = new Gate(1);

            CompletableFuture<Object> result = stage(pipeline.call(gate.pass(done("value"))));

            assertThat(result).isNotDone();
            gate.awaitArrivals();
            assertThat(result).isNotDone();
            gate.open();
            assertThat(result.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("value");
        }

        @Test
        void theCallCompletesOnlyWhenTheOperationsStageCompletes() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).build(threads);
            CompletableFuture<Object> inner = new CompletableFuture<>();

            CompletableFuture<Object> result = stage(pipeline.call(() -> inner));
            executor.awaitInFlight(0);

            assertThat(result).isNotDone();
            inner.complete("late");
            assertThat(result.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("late");
        }

        @Test
        void anExceptionallyCompletedStageFailsTheCallWithItsCause() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).build(threads);
            IOException cause = new IOException("boom");

            assertThat(failure(pipeline.call(() -> CompletableFuture.failedFuture(cause))))
                    .isSameAs(cause);
        }

        @Test
        void aNullStageFailsTheCall() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).build(threads);

            assertThat(failure(pipeline.call(() -> null))).isInstanceOf(NullPointerException.class);
        }

        @Test
        void inFutureModeTheCallerGetsAnIncompleteFutureAtOnce() throws Exception {
            Pipeline<Callable<Object>> pipeline = pipeline(AsyncMode.FUTURE).build(threads);
            Gate gate = new Gate(1);

            Future<Object> result = future(pipeline.call(gate.pass(done("value"))));

            assertThat(result).isNotInstanceOf(CompletionStage.class);
            assertThat(result.isDone()).isFalse();
            gate.awaitArrivals();
            assertThat(result.isDone()).isFalse();
            gate.open();
            assertThat(result.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("value");
            assertThat(result.isDone()).isTrue();
        }

        @Test
        void inFutureModeTheCallerWaitsForTheOperationsOwnFuture() throws Exception {
            Pipeline<Callable<Object>> pipeline = pipeline(AsyncMode.FUTURE).build(threads);
            CompletableFuture<Object> inner = new CompletableFuture<>();

            Future<Object> result = future(pipeline.call(() -> inner));
            executor.awaitInFlight(0);

            assertThat(result.isDone()).isFalse();
            inner.complete("inner");
            assertThat(result.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("inner");
            assertThat(result.isDone()).isTrue();
        }
    }

    @Nested
    class Retries {

        @Test
        void anExceptionallyCompletedStageIsRetried() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .retry(new RetryPolicy(5, 0, 0, 0, ALL))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () ->
                                    attempts.incrementAndGet() < 3
                                            ? CompletableFuture.failedFuture(new IOException())
                                            : done("ok"));

            assertThat(outcome(result)).isEqualTo("ok");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void aRetryThatClosedPoolsRefuseFailsTheCallInsteadOfLeavingItPending() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .offload(false)
                            .retry(new RetryPolicy(5, 0, 0, 0, ALL))
                            .build(threads);
            IOException firstFailure = new IOException("first attempt");
            threads.close();

            CompletableFuture<Object> result =
                    stage(pipeline.call(() -> CompletableFuture.failedFuture(firstFailure)));

            assertThatThrownBy(() -> result.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed")
                    .satisfies(
                            refused ->
                                    assertThat(refused.getSuppressed())
                                            .containsExactly(firstFailure));
        }

        @Test
        void aThrownExceptionIsRetriedInCompletionStageMode() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .retry(new RetryPolicy(5, 0, 0, 0, ALL))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                if (attempts.incrementAndGet() < 3) {
                                    throw new IOException();
                                }
                                return done("ok");
                            });

            assertThat(outcome(result)).isEqualTo("ok");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void inFutureModeAFailedFutureIsNotRetriedButHandedBack() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.FUTURE)
                            .retry(new RetryPolicy(5, 0, 0, 0, ALL))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();
            IOException cause = new IOException();

            Object result =
                    pipeline.call(
                            () -> {
                                attempts.incrementAndGet();
                                return CompletableFuture.failedFuture(cause);
                            });

            assertThat(failure(result)).isSameAs(cause);
            executor.awaitInFlight(0);
            assertThat(attempts).hasValue(1);
        }

        @Test
        void inFutureModeAThrownExceptionIsRetried() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.FUTURE)
                            .retry(new RetryPolicy(5, 0, 0, 0, ALL))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                if (attempts.incrementAndGet() < 3) {
                                    throw new IOException();
                                }
                                return done("ok");
                            });

            assertThat(outcome(result)).isEqualTo("ok");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void afterTheLastRetryWithADelayTheLastFailureCompletesTheCall() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .retry(new RetryPolicy(2, TimeUnit.MILLISECONDS.toNanos(5), 0, 0, ALL))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () ->
                                    CompletableFuture.failedFuture(
                                            new IOException(
                                                    "attempt " + attempts.incrementAndGet())));

            assertThat(failure(result)).hasMessage("attempt 3");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void aFailureNotInRetryOnIsNotRetried() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .retry(
                                    new RetryPolicy(
                                            5,
                                            0,
                                            0,
                                            0,
                                            ExceptionPredicate.of(
                                                    List.of(IOException.class), List.of())))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                attempts.incrementAndGet();
                                return CompletableFuture.failedFuture(new IllegalStateException());
                            });

            assertThat(failure(result)).isInstanceOf(IllegalStateException.class);
            executor.awaitInFlight(0);
            assertThat(attempts).hasValue(1);
        }

        @Test
        void noRetryStartsOnceMaxDurationHasPassed() throws Exception {
            AtomicLong now = new AtomicLong();
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .retry(
                                    new RetryPolicy(
                                            -1, 0, TimeUnit.MILLISECONDS.toNanos(100), 0, ALL))
                            .ticker(now::get)
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                attempts.incrementAndGet();
                                now.addAndGet(TimeUnit.MILLISECONDS.toNanos(40));
                                return CompletableFuture.failedFuture(new IOException());
                            });

            assertThat(failure(result)).isInstanceOf(IOException.class);
            assertThat(attempts).hasValue(3);
        }

        @Test
        void theFallbackSeesTheLastFailureAndItsStageReplacesTheResult() throws Exception {
            List<Throwable> seen = new ArrayList<>();
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .fallback(
                                    new FallbackPolicy<>(
                                            ALL,
                                            (context, cause) -> {
                                                seen.add(cause);
                                                return done("fallback");
                                            }))
                            .retry(new RetryPolicy(2, 0, 0, 0, ALL))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () ->
                                    CompletableFuture.failedFuture(
                                            new IOException(
                                                    "attempt " + attempts.incrementAndGet())));

            assertThat(outcome(result)).isEqualTo("fallback");
            assertThat(seen)
                    .singleElement()
                    .satisfies(cause -> assertThat(cause).hasMessage("attempt 3"));
        }

        @Test
        void aCustomBackoffGivesEachRetryingCallItsOwnStrategyAndTheRetryWaitsThePauseItAnswers()
                throws Exception {
            long hour = TimeUnit.HOURS.toNanos(1);
            List<List<Object>> strategies = new ArrayList<>();
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .offload(false)
                            .retry(
                                    new RetryPolicy(
                                            5,
                                            7,
                                            0,
                                            0,
                                            ALL,
                                            new Backoff.Custom(
                                                    () -> {
                                                        List<Object> asked = new ArrayList<>();
                                                        strategies.add(asked);
                                                        long[] answers = {0, hour};
                                                        return new BackoffStrategy() {
                                                            @Override
                                                            public void init(
                                                                    long initialDelayNanos) {
                                                                asked.add(
                                                                        "init "
                                                                                + initialDelayNanos);
                                                            }

                                                            @Override
                                                            public long nextDelayNanos(
                                                                    Throwable failure) {
                                                                asked.add(failure);
                                                                return answers[asked.size() - 2];
                                                            }
                                                        };
                                                    })))
                            .build(threads);
            IOException failure = new IOException("down");
            AtomicInteger attempts = new AtomicInteger();

            CompletableFuture<Object> waiting =
                    stage(
                            pipeline.call(
                                    () -> {
                                        attempts.incrementAndGet();
                                        return CompletableFuture.failedFuture(failure);
                                    }));
            executor.awaitInFlight(0);

            assertThat(attempts).as("the first retry at once, for the pause of 0").hasValue(2);
            assertThat(threads.pendingTimerTasks())
                    .as("the second retry waiting the hour answered")
                    .isOne();
            assertThat(waiting).isNotDone();
            assertThat(outcome(pipeline.call(() -> done("first time")))).isEqualTo("first time");
            assertThat(strategies)
                    .as("one strategy, for the call that retried")
                    .singleElement()
                    .isEqualTo(List.of("init 7", failure, failure));
        }
    }

    @Nested
    class CircuitBreakers {

        @Test
        void
                anExceptionallyCompletedStageCountsAsAFailureAndAnOpenBreakerFailsTheCallThroughTheFuture()
                        throws Exception {
            CircuitBreaker breaker =
                    new CircuitBreaker(
                            "breaker",
                            new CircuitBreakerPolicy(TimeUnit.SECONDS.toNanos(10), 1, 1.0, 1, ALL),
                            Ticker.SYSTEM,
                            BreakerStateListener.NONE);
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).circuitBreaker(breaker).build(threads);
            AtomicInteger calls = new AtomicInteger();

            assertThat(
                            failure(
                                    pipeline.call(
                                            () ->
                                                    CompletableFuture.failedFuture(
                                                            new IOException()))))
                    .isInstanceOf(IOException.class);
            assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);

            Object refused = pipeline.call(() -> done(calls.incrementAndGet()));
            assertThat(stage(refused))
                    .as("refused before the call returns")
                    .isCompletedExceptionally();
            assertThat(failure(refused)).isInstanceOf(CircuitBreakerOpen.class);
            assertThat(calls).hasValue(0);
        }
    }

    @Nested
    class Timeouts {

        @Test
        void theTimeoutCompletesTheCallWhileTheOperationIsStillBlockedAndInterruptsIt()
                throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).timeout(timeout()).build(threads);
            CountDownLatch interrupted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean finished = new AtomicBoolean();

            Object result =
                    pipeline.call(
                            () -> {
                                while (true) { // waits for the test, whatever interrupts arrive
                                    // meanwhile
                                    try {
                                        release.await();
                                        break;
                                    } catch (InterruptedException e) {
                                        interrupted.countDown();
                                    }
                                }
                                finished.set(true);
                                return done("late");
                            });

            assertThat(failure(result))
                    .isInstanceOf(TimedOut.class)
                    .hasMessage("op timed out after " + TIMEOUT_MS + " ms");
            assertThat(finished).as("the operation still runs").isFalse();
            Gate.await(interrupted);
            release.countDown();
            executor.awaitInFlight(0);
            assertThat(finished).isTrue();
            assertThat(stage(result)).isCompletedExceptionally();
        }

        @Test
        void inFutureModeTheTimeoutFailsTheFuture() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.FUTURE).timeout(timeout()).build(threads);
            CountDownLatch interrupted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);

            Object result =
                    pipeline.call(
                            failsWhenInterrupted(new CountDownLatch(1), interrupted, release));

            assertThat(failure(result)).isInstanceOf(TimedOut.class);
            Gate.await(interrupted);
            release.countDown();
        }

        @Test
        void aCallThatEndsInTimeKeepsItsOutcomeAndLeavesNoTimerTask() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .timeout(new TimeoutPolicy(TimeUnit.SECONDS.toNanos(30)))
                            .build(threads);

            for (int i = 0; i < 20; i++) {
                assertThat(outcome(pipeline.call(() -> done("in time")))).isEqualTo("in time");
            }

            assertThat(threads.pendingTimerTasks()).isZero();
        }

        /*
         * A race, so it is checked many times: the timeout interrupts the attempt before it fails the call, and an
         * operation that answers the interrupt at once can fail the call with its InterruptedException first.
         */
        @Test
        void aTimedOutCallFailsWithTheTimeoutEvenWhenTheOperationAnswersTheInterruptAtOnce()
                throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .timeout(new TimeoutPolicy(TimeUnit.MILLISECONDS.toNanos(2)))
                            .build(threads);

            for (int i = 0; i < 5_000; i++) {
                Object result =
                        pipeline.call(
                                () -> {
                                    new CountDownLatch(1).await();
                                    return done("never");
                                });
                assertThat(failure(result)).as("call %d", i).isInstanceOf(TimedOut.class);
            }
        }

        @Test
        void aTimedOutAttemptIsRetried() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .retry(new RetryPolicy(3, 0, 0, 0, ALL))
                            .timeout(
                                    new TimeoutPolicy(
                                            TimeUnit.MILLISECONDS.toNanos(
                                                    200))) // ample for the quick retry
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    pipeline.call(
                            () -> {
                                if (attempts.incrementAndGet() == 1) {
                                    new CountDownLatch(1).await();
                                }
                                return done("second attempt");
                            });

            assertThat(outcome(result)).isEqualTo("second attempt");
            assertThat(attempts).hasValue(2);
        }
    }

    @Nested
    class Cancellation {

        @Test
        void cancelWithInterruptInterruptsTheRunningOperation() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).build(threads);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> result =
                    stage(pipeline.call(failsWhenInterrupted(entered, interrupted, release)));
            Gate.await(entered);

            assertThat(result.cancel(true)).isTrue();

            Gate.await(interrupted);
            assertThat(result).isCancelled();
            release.countDown();
        }

        /*
         * A race, so it is checked many times: cancel(true) interrupts the attempt before it cancels the future,
         * and an operation that answers the interrupt at once can complete the future with its
         * InterruptedException first; cancel then returns false and the future is not cancelled.
         */
        @Test
        void cancelWithInterruptAlwaysCancelsTheFutureOfARunningCall() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).build(threads);

            for (int i = 0; i < 3_000; i++) {
                CountDownLatch entered = new CountDownLatch(1);
                CompletableFuture<Object> result =
                        stage(
                                pipeline.call(
                                        () -> {
                                            entered.countDown();
                                            new CountDownLatch(1).await();
                                            return done("never");
                                        }));
                Gate.await(entered);

                assertThat(result.cancel(true)).as("cancel of call %d", i).isTrue();
                assertThat(result).as("call %d", i).isCancelled();
            }
        }

        @Test
        void cancelWithoutInterruptLetsTheRunningOperationFinishUndisturbed() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE).build(threads);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean finished = new AtomicBoolean();
            CompletableFuture<Object> result =
                    stage(
                            pipeline.call(
                                    () -> {
                                        entered.countDown();
                                        try {
                                            release.await();
                                            finished.set(true);
                                        } catch (InterruptedException e) {
                                            interrupted.set(true);
                                        }
                                        return done("finished");
                                    }));
            Gate.await(entered);

            assertThat(result.cancel(false)).isTrue();
            release.countDown();
            executor.awaitInFlight(0);

            assertThat(interrupted).isFalse();
            assertThat(finished).isTrue();
            assertThat(result).isCancelled();
        }

        @Test
        void inFutureModeCancelWithInterruptInterruptsTheRunningOperation() throws Exception {
            Pipeline<Callable<Object>> pipeline = pipeline(AsyncMode.FUTURE).build(threads);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> result =
                    future(pipeline.call(failsWhenInterrupted(entered, interrupted, release)));
            Gate.await(entered);

            assertThat(result.cancel(true)).isTrue();

            Gate.await(interrupted);
            assertThat(result.isCancelled()).isTrue();
            assertThatThrownBy(result::get).isInstanceOf(CancellationException.class);
            release.countDown();
        }

        @Test
        void aCallCancelledWithInterruptIsNotRetriedNorHandedToTheFallback() throws Exception {
            AtomicInteger fallbacks = new AtomicInteger();
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .fallback(
                                    new FallbackPolicy<>(
                                            ALL,
                                            (context, cause) -> done(fallbacks.incrementAndGet())))
                            .retry(new RetryPolicy(5, 0, 0, 0, ALL))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Callable<Object> blocked = failsWhenInterrupted(entered, interrupted, release);
            CompletableFuture<Object> result =
                    stage(
                            pipeline.call(
                                    () -> {
                                        attempts.incrementAndGet();
                                        return blocked.call();
                                    }));
            Gate.await(entered);

            result.cancel(true);
            Gate.await(interrupted);
            release.countDown(); // the attempt now fails with the interrupt
            executor.awaitInFlight(0);

            assertThat(attempts).hasValue(1);
            assertThat(fallbacks).hasValue(0);
        }

        @Test
        void aCallCancelledWithoutInterruptIsNotRetriedWhenItsAttemptFailsLater() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .retry(new RetryPolicy(5, 0, 0, 0, ALL))
                            .build(threads);
            AtomicInteger attempts = new AtomicInteger();
            Gate gate = new Gate(1);
            Callable<Object> held = gate.pass("ignored");
            CompletableFuture<Object> result =
                    stage(
                            pipeline.call(
                                    () -> {
                                        attempts.incrementAndGet();
                                        held.call();
                                        throw new IOException("failed after the caller cancelled");
                                    }));
            gate.awaitArrivals();

            result.cancel(false);
            gate.open();
            executor.awaitInFlight(0);

            assertThat(attempts).hasValue(1);
        }

        @Test
        void aCallCancelledBeforeItsAttemptStartsNeverRuns() throws Exception {
            HoldingExecutor holding = new HoldingExecutor();
            try (ThreadPools held = ThreadPools.withExecutor("held", holding)) {
                Pipeline<Callable<Object>> pipeline =
                        pipeline(AsyncMode.COMPLETION_STAGE).build(held);
                AtomicInteger ran = new AtomicInteger();
                CompletableFuture<Object> result =
                        stage(pipeline.call(() -> done(ran.incrementAndGet())));

                result.cancel(true);
                holding.runAll();

                assertThat(ran).hasValue(0);
                assertThat(result).isCancelled();
            }
        }

        @Test
        void aCancelledQueuedCallNeverRunsAndFreesItsQueueSlot() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .bulkhead(new BulkheadPolicy(1, 1))
                            .build(threads);
            Gate gate = new Gate(1);
            Object running = pipeline.call(gate.pass(done("ran")));
            gate.awaitArrivals();
            AtomicInteger queuedRan = new AtomicInteger();
            CompletableFuture<Object> queued =
                    stage(pipeline.call(() -> done(queuedRan.incrementAndGet())));
            executor.awaitInFlight(1);

            queued.cancel(true);
            Object waiting = pipeline.call(() -> done("took the freed slot"));
            executor.awaitInFlight(1);
            gate.open();

            assertThat(outcome(running)).isEqualTo("ran");
            assertThat(outcome(waiting)).isEqualTo("took the freed slot");
            executor.awaitInFlight(0);
            assertThat(queuedRan).hasValue(0);
            assertBulkheadCapacity(pipeline, 1, 1);
        }

        @Test
        void aCallCancelledBeforeItsAttemptStartsDoesNotKeepItsBulkheadPlace() throws Exception {
            HoldingExecutor holding = new HoldingExecutor();
            try (ThreadPools held = ThreadPools.withExecutor("held", holding)) {
                Pipeline<Callable<Object>> pipeline =
                        pipeline(AsyncMode.COMPLETION_STAGE)
                                .bulkhead(new BulkheadPolicy(1, 1))
                                .build(held);
                AtomicInteger ran = new AtomicInteger();
                CompletableFuture<Object> cancelled =
                        stage(pipeline.call(() -> done(ran.incrementAndGet())));
                cancelled.cancel(false);
                holding.runAll();

                CompletableFuture<Object> next = stage(pipeline.call(() -> done("next")));
                holding.runAll();

                assertThat(ran).hasValue(0);
                assertThat(next).isCompletedWithValue("next");
            }
        }
    }

    @Nested
    class Bulkheads {

        @Test
        void admissionIsDecidedBeforeTheCallReturnsAndBeforeAnyAttemptRuns() throws Exception {
            HoldingExecutor holding = new HoldingExecutor();
            try (ThreadPools held = ThreadPools.withExecutor("held", holding)) {
                for (AsyncMode mode : AsyncMode.values()) {
                    Pipeline<Callable<Object>> pipeline =
                            pipeline(mode).bulkhead(new BulkheadPolicy(1, 1)).build(held);

                    Future<Object> first = future(pipeline.call(() -> done("first")));
                    Future<Object> second = future(pipeline.call(() -> done("second")));
                    Future<Object> third = future(pipeline.call(() -> done("third")));

                    assertThat(third.isDone())
                            .as("%s: the refused call is done when it returns", mode)
                            .isTrue();
                    assertThat(failure(third)).isInstanceOf(BulkheadFull.class);
                    assertThat(holding.held())
                            .as("%s: attempts handed to the executor", mode)
                            .isEqualTo(1);
                    holding.runAll();
                    assertThat(first.get()).isEqualTo("first");
                    assertThat(second.get()).isEqualTo("second");
                }
            }
        }

        @Test
        void theFallbackOfARefusedCallHasReplacedItsResultWhenTheCallReturns() throws Exception {
            HoldingExecutor holding = new HoldingExecutor();
            try (ThreadPools held = ThreadPools.withExecutor("held", holding)) {
                Pipeline<Callable<Object>> pipeline =
                        pipeline(AsyncMode.COMPLETION_STAGE)
                                .fallback(
                                        new FallbackPolicy<>(
                                                ALL, (context, cause) -> done("fallback")))
                                .bulkhead(new BulkheadPolicy(1, 1))
                                .build(held);
                CompletableFuture<Object> running = stage(pipeline.call(() -> done("ran")));
                CompletableFuture<Object> queued = stage(pipeline.call(() -> done("waited")));

                CompletableFuture<Object> refused = stage(pipeline.call(() -> done("never")));

                assertThat(refused).isCompletedWithValue("fallback");
                holding.runAll();
                assertThat(running).isCompletedWithValue("ran");
                assertThat(queued).isCompletedWithValue("waited");
            }
        }

        @Test
        void aRefusedAttemptIsRetriedOnAWorkerThreadNotOnTheCallersThread() throws Exception {
            HoldingExecutor holding = new HoldingExecutor();
            try (ThreadPools held = ThreadPools.withExecutor("held", holding)) {
                Pipeline<Callable<Object>> pipeline =
                        pipeline(AsyncMode.COMPLETION_STAGE)
                                .retry(new RetryPolicy(1, 0, 0, 0, ALL))
                                .bulkhead(new BulkheadPolicy(1, 1))
                                .build(held);
                CompletableFuture<Object> running = stage(pipeline.call(() -> done("ran")));
                CompletableFuture<Object> queued = stage(pipeline.call(() -> done("waited")));

                CompletableFuture<Object> retried = stage(pipeline.call(() -> done("retried")));

                assertThat(retried).as("refused once, its retry not yet started").isNotDone();
                assertThat(holding.held()).as("the running attempt and the retry").isEqualTo(2);
                holding.runAll();
                assertThat(running).isCompletedWithValue("ran");
                assertThat(queued).isCompletedWithValue("waited");
                assertThat(retried).isCompletedWithValue("retried");
            }
        }

        @Test
        void valueCallsRunQueueCallsWaitAndTheNextFailsThroughItsFutureThenTheFullCapacityIsBack()
                throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .bulkhead(new BulkheadPolicy(2, 3))
                            .build(threads);

            assertBulkheadCapacity(pipeline, 2, 3);
            assertBulkheadCapacity(pipeline, 2, 3);
        }

        @Test
        void inFutureModeTheBulkheadLimitsTheSameWay() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.FUTURE).bulkhead(new BulkheadPolicy(1, 2)).build(threads);

            assertBulkheadCapacity(pipeline, 1, 2);
            assertBulkheadCapacity(pipeline, 1, 2);
        }

        @Test
        void aCompletionStageCallHoldsItsPlaceUntilItsStageCompletes() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .bulkhead(new BulkheadPolicy(1, 1))
                            .build(threads);
            CompletableFuture<Object> inner = new CompletableFuture<>();
            Object first = pipeline.call(() -> inner);
            executor.awaitInFlight(0);
            AtomicInteger queuedRan = new AtomicInteger();
            Object second = pipeline.call(() -> done(queuedRan.incrementAndGet()));
            executor.awaitInFlight(0);

            assertThat(queuedRan).hasValue(0);
            inner.complete("first");

            assertThat(outcome(first)).isEqualTo("first");
            assertThat(outcome(second)).isEqualTo(1);
        }

        @Test
        void placesComeBackAfterFailuresAndTimeouts() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .timeout(timeout())
                            .bulkhead(new BulkheadPolicy(2, 2))
                            .build(threads);

            for (int i = 0; i < 3; i++) {
                assertThat(
                                failure(
                                        pipeline.call(
                                                () ->
                                                        CompletableFuture.failedFuture(
                                                                new IOException()))))
                        .isInstanceOf(IOException.class);
                assertThat(
                                failure(
                                        pipeline.call(
                                                () -> {
                                                    throw new IOException();
                                                })))
                        .isInstanceOf(IOException.class);
                CountDownLatch interrupted = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                assertThat(
                                failure(
                                        pipeline.call(
                                                failsWhenInterrupted(
                                                        new CountDownLatch(1),
                                                        interrupted,
                                                        release))))
                        .isInstanceOf(TimedOut.class);
                Gate.await(interrupted);
                release.countDown();
                executor.awaitInFlight(0);
            }

            assertRunningPlaces(pipeline, 2);
        }

        @Test
        void aQueuedCallWhoseTimeoutExpiresNeverRuns() throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .timeout(timeout())
                            .bulkhead(new BulkheadPolicy(1, 1))
                            .build(threads);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Object running = pipeline.call(heldDespiteInterrupts(entered, release));
            Gate.await(entered);
            AtomicInteger queuedRan = new AtomicInteger();

            Object queued = pipeline.call(() -> done(queuedRan.incrementAndGet()));

            assertThat(failure(running)).isInstanceOf(TimedOut.class);
            assertThat(failure(queued))
                    .as("timed out while it waited")
                    .isInstanceOf(TimedOut.class);
            executor.awaitInFlight(
                    1); // the timeouts have done their work; only the running call is left
            release.countDown();
            executor.awaitInFlight(0);
            assertThat(queuedRan).hasValue(0);
            assertRunningPlaces(pipeline, 1);
        }

        /*
         * The timeout must stop the queued attempt before it reports the timeout: whatever the report triggers
         * (here: the caller frees the running place) could otherwise hand the place to the attempt, and the
         * operation would run although its call has already timed out.
         */
        @Test
        void aQueuedCallWhoseTimeoutExpiresNeverRunsEvenIfAPlaceFreesAsTheTimeoutIsReported()
                throws Exception {
            Pipeline<Callable<Object>> pipeline =
                    pipeline(AsyncMode.COMPLETION_STAGE)
                            .timeout(timeout())
                            .bulkhead(new BulkheadPolicy(1, 1))
                            .build(threads);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Object running = pipeline.call(heldDespiteInterrupts(entered, release));
            Gate.await(entered);
            AtomicInteger queuedRan = new AtomicInteger();
            Object queued = pipeline.call(() -> done(queuedRan.incrementAndGet()));
            CountDownLatch reported = new CountDownLatch(1);
            CountDownLatch runningTimedOut = new CountDownLatch(1);
            stage(running).whenComplete((value, failure) -> runningTimedOut.countDown());

            // Runs on the thread that reports the queued call's timeout, before that thread goes
            // on. Nobody waits
            // on the future meanwhile: a waiting thread could run this callback itself.
            stage(queued)
                    .whenComplete(
                            (value, failure) -> {
                                try {
                                    // The running call's timeout, due first, may still be reported
                                    // on another worker thread.
                                    Gate.await(runningTimedOut);
                                    release.countDown();
                                    executor.awaitInFlight(
                                            1); // the running call has finished and handed its
                                    // place on
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                } finally {
                                    reported.countDown();
                                }
                            });
            Gate.await(reported);

            assertThat(failure(queued)).isInstanceOf(TimedOut.class);
            assertThat(failure(running)).isInstanceOf(TimedOut.class);
            executor.awaitInFlight(0);
            assertThat(queuedRan).as("the timed-out call's operation ran").hasValue(0);
        }
    }
}
