package dev.breakwater.core;

import static dev.breakwater.core.Gate.PATIENCE_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous pipelines built without the offload, for non-blocking operations that return a
 * {@code CompletionStage}: the operation runs on the caller's thread, and the policies apply to the stage it
 * returns.
 */
class PipelineWithoutOffloadTest {

    private static final ExceptionPredicate ALL = ExceptionPredicate.all();

    private final TrackingExecutor executor = new TrackingExecutor();
    private final ThreadPools threads = ThreadPools.withExecutor("no-offload-test", executor);

    @AfterEach
    void closeThreads() {
        threads.close();
        executor.shutdownNow();
    }

    private static PipelineBuilder<Callable<Object>> pipeline() {
        return Pipeline.<Callable<Object>>builder("op", Callable::call)
                .asynchronous(AsyncMode.COMPLETION_STAGE)
                .offload(false);
    }

    private static CircuitBreaker breaker(int requestVolume) {
        return new CircuitBreaker(
                "breaker",
                new CircuitBreakerPolicy(TimeUnit.SECONDS.toNanos(10), requestVolume, 1.0, 1, ALL),
                Ticker.SYSTEM,
                BreakerStateListener.NONE);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> stage(Object result) {
        assertThat(result).isInstanceOf(CompletionStage.class);
        return ((CompletionStage<Object>) result).toCompletableFuture();
    }

    private static Throwable failure(CompletableFuture<Object> result) throws Exception {
        try {
            return fail(
                    "expected a failure, got " + result.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void aCallThatSucceedsSynchronouslyThroughEveryPolicyIsDoneOnTheCallersThreadBeforeItReturns()
            throws Exception {
        HoldingExecutor holding = new HoldingExecutor();
        try (ThreadPools held = ThreadPools.withExecutor("held", holding)) {
            Pipeline<Callable<Object>> pipeline =
                    pipeline()
                            .fallback(
                                    new FallbackPolicy<>(
                                            ALL,
                                            (context, cause) ->
                                                    CompletableFuture.completedFuture("fallback")))
                            .retry(new RetryPolicy(3, 0, 0, 0, ALL))
                            .circuitBreaker(breaker(4))
                            .timeout(new TimeoutPolicy(TimeUnit.SECONDS.toNanos(10)))
                            .bulkhead(new BulkheadPolicy(1, 1))
                            .build(held);
            Thread caller = Thread.currentThread();
            List<Thread> ranOn = new ArrayList<>();

            CompletableFuture<Object> result =
                    stage(
                            pipeline.call(
                                    () -> {
                                        ranOn.add(Thread.currentThread());
                                        return CompletableFuture.completedFuture("value");
                                    }));

            assertThat(result).isCompletedWithValue("value");
            assertThat(ranOn).containsExactly(caller);
            assertThat(holding.held()).as("tasks handed to the executor").isZero();
            assertThat(held.pendingTimerTasks()).as("timeouts armed").isZero();
            assertThat(pipeline.bulkhead().running()).isZero();
        }
    }

    @Test
    void theTimeoutFailsTheCallWhenTheReturnedStageIsLateWithoutInterruptingTheCaller()
            throws Exception {
        Pipeline<Callable<Object>> pipeline =
                pipeline()
                        .timeout(new TimeoutPolicy(TimeUnit.MILLISECONDS.toNanos(20)))
                        .build(threads);
        CompletableFuture<Object> late = new CompletableFuture<>();

        CompletableFuture<Object> result = stage(pipeline.call(() -> late));

        assertThat(failure(result)).isInstanceOf(TimedOut.class);
        assertThat(Thread.currentThread().isInterrupted())
                .as("the caller's thread is interrupted")
                .isFalse();
        late.complete("too late");
        assertThat(result).isCompletedExceptionally();
    }

    @Test
    void aFailedStageIsRetriedTheFirstAttemptOnTheCallersThreadTheNextOnesOnWorkers()
            throws Exception {
        Pipeline<Callable<Object>> pipeline =
                pipeline().retry(new RetryPolicy(5, 0, 0, 0, ALL)).build(threads);
        List<Thread> ranOn = new ArrayList<>();

        CompletableFuture<Object> result =
                stage(
                        pipeline.call(
                                () -> {
                                    synchronized (ranOn) {
                                        ranOn.add(Thread.currentThread());
                                        return ranOn.size() < 3
                                                ? CompletableFuture.failedFuture(
                                                        new IOException("attempt " + ranOn.size()))
                                                : CompletableFuture.completedFuture("attempt 3");
                                    }
                                }));

        assertThat(result.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("attempt 3");
        synchronized (ranOn) {
            assertThat(ranOn).hasSize(3);
            assertThat(ranOn.get(0)).isSameAs(Thread.currentThread());
            assertThat(ranOn.subList(1, 3))
                    .allSatisfy(thread -> assertThat(thread.getName()).startsWith("tracked-"));
        }
    }

    @Test
    void aFailedStageCountsForTheBreakerAndAnOpenBreakerRefusesBeforeTheCallReturns()
            throws Exception {
        CircuitBreaker breaker = breaker(1);
        Pipeline<Callable<Object>> pipeline = pipeline().circuitBreaker(breaker).build(threads);
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<Object> failed =
                stage(
                        pipeline.call(
                                () ->
                                        CompletableFuture.failedFuture(
                                                new IOException(
                                                        String.valueOf(calls.incrementAndGet())))));
        CompletableFuture<Object> refused =
                stage(
                        pipeline.call(
                                () -> CompletableFuture.completedFuture(calls.incrementAndGet())));

        assertThat(failure(failed)).isInstanceOf(IOException.class);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(refused).isCompletedExceptionally();
        assertThat(failure(refused)).isInstanceOf(CircuitBreakerOpen.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theBulkheadHoldsAPlaceUntilTheStageCompletesQueuesInOrderAndRefusesAtOnce()
            throws Exception {
        Pipeline<Callable<Object>> pipeline =
                pipeline().bulkhead(new BulkheadPolicy(1, 1)).build(threads);
        CompletableFuture<Object> firstStage = new CompletableFuture<>();
        List<String> ranOn = new ArrayList<>();

        CompletableFuture<Object> first =
                stage(
                        pipeline.call(
                                () -> {
                                    ranOn.add(Thread.currentThread().getName());
                                    return firstStage;
                                }));
        CompletableFuture<Object> second =
                stage(
                        pipeline.call(
                                () -> {
                                    ranOn.add(Thread.currentThread().getName());
                                    return CompletableFuture.completedFuture("second");
                                }));
        CompletableFuture<Object> third =
                stage(pipeline.call(() -> CompletableFuture.completedFuture("third")));

        assertThat(failure(third)).isInstanceOf(BulkheadFull.class);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        Thread completer = new Thread(() -> firstStage.complete("first"), "completer");
        completer.start();
        completer.join();

        assertThat(first).isCompletedWithValue("first");
        assertThat(second).isCompletedWithValue("second");
        assertThat(ranOn).containsExactly(Thread.currentThread().getName(), "completer");
        assertThat(pipeline.bulkhead().running()).isZero();
    }

    @Test
    void theFallbackReplacesAFailedStageAndARefusalIsReplacedBeforeTheCallReturns()
            throws Exception {
        Pipeline<Callable<Object>> pipeline =
                pipeline()
                        .fallback(
                                new FallbackPolicy<>(
                                        ALL,
                                        (context, cause) ->
                                                CompletableFuture.completedFuture(
                                                        "fallback for "
                                                                + cause.getClass()
                                                                        .getSimpleName())))
                        .bulkhead(new BulkheadPolicy(1, 1))
                        .build(threads);
        CompletableFuture<Object> held = new CompletableFuture<>();
        CompletableFuture<Object> holding = stage(pipeline.call(() -> held));
        CompletableFuture<Object> queued =
                stage(pipeline.call(() -> CompletableFuture.completedFuture("waited")));

        CompletableFuture<Object> refused =
                stage(pipeline.call(() -> CompletableFuture.completedFuture("never")));

        assertThat(refused).isCompletedWithValue("fallback for BulkheadFull");
        held.completeExceptionally(new IOException());
        assertThat(holding).isCompletedWithValue("fallback for IOException");
        assertThat(queued).isCompletedWithValue("waited");
    }

    @Test
    void aSynchronousPipelineRefusesTheOffloadSetting() {
        PipelineBuilder<Callable<Object>> builder =
                Pipeline.<Callable<Object>>builder("op", Callable::call).offload(false);

        assertThatIllegalStateException()
                .isThrownBy(() -> builder.build(threads))
                .withMessage(
                        "offload(false) was set for op, a synchronous pipeline; it applies to asynchronous"
                                + " pipelines only");
    }
}
