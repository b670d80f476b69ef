package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each way of calling a typed guard: synchronous, non-blocking without a thread hop, offloading, decorated. */
class GuardModesTest {

    @Test
    void aSynchronousCallRunsOnTheCallersThreadAndRetriesFailures() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Guard<String> guard =
                Guard.<String>builder("op")
                        .retry(retry -> retry.maxRetries(2).jitter(Duration.ZERO))
                        .build();

        String result =
                guard.call(
                        () -> {
                            ranOn.set(Thread.currentThread());
                            if (attempts.incrementAndGet() < 3) {
                                throw new IllegalStateException("attempt " + attempts.get());
                            }
                            return "ok";
                        });

        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void theCheckedVariantLetsTheOperationsCheckedExceptionThrough() {
        Guard<String> guard = Guard.<String>builder("op").build();
        IOException failure = new IOException("disk");

        assertThatThrownBy(
                        () ->
                                guard.callChecked(
                                        () -> {
                                            throw failure;
                                        }))
                .isSameAs(failure);
    }

    @Test
    void aFallbackReplacesAFailureAndCanLetSomeThrough() {
        Guard<String> guard =
                Guard.<String>builder("op")
                        .fallback(failure -> "fallback for " + failure.getMessage())
                        .skipFallbackOn(UnsupportedOperationException.class)
                        .build();

        assertThat(
                        guard.call(
                                () -> {
                                    throw new IllegalStateException("down");
                                }))
                .isEqualTo("fallback for down");
        assertThatThrownBy(
                        () ->
                                guard.call(
                                        () -> {
                                            throw new UnsupportedOperationException("skipped");
                                        }))
                .hasMessage("skipped");
    }

    @Test
    void anInterruptedRetryPauseFailsTheSupplierCallUncheckedAndKeepsTheInterrupt() {
        Guard<String> guard =
                Guard.<String>builder("op")
                        .retry(retry -> retry.delay(Duration.ofMinutes(1)))
                        .build();
        Thread.currentThread().interrupt();

        assertThatThrownBy(
                        () ->
                                guard.call(
                                        () -> {
                                            throw new IllegalStateException("down");
                                        }))
                .isInstanceOf(UndeclaredThrowableException.class)
                .cause()
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aTimedOutSynchronousCallFailsWithTimedOut() {
        Guard<String> guard = Guard.<String>builder("slow").timeout(Duration.ofMillis(50)).build();

        assertThatThrownBy(
                        () ->
                                guard.call(
                                        () -> {
                                            try {
                                                Thread.sleep(10_000);
                                                return "too late";
                                            } catch (InterruptedException e) {
                                                throw new IllegalStateException("interrupted", e);
                                            }
                                        }))
                .isInstanceOf(TimedOut.class)
                .isInstanceOf(Refusal.class)
                .hasMessage("slow timed out after 50 ms")
                .satisfies(
                        refusal ->
                                assertThat(((TimedOut) refusal).timeout())
                                        .isEqualTo(Duration.ofMillis(50)));
    }

    @Test
    void aDecoratedSupplierRunsUnderTheGuardAtEachGet() {
        AtomicInteger attempts = new AtomicInteger();
        Guard<Integer> guard =
                Guard.<Integer>builder("op")
                        .retry(retry -> retry.maxRetries(1).jitter(Duration.ZERO))
                        .build();
        Supplier<Integer> decorated =
                guard.decorate(
                        () -> {
                            if (attempts.incrementAndGet() % 2 == 1) {
                                throw new IllegalStateException("odd attempt");
                            }
                            return attempts.get();
                        });

        assertThat(decorated.get()).isEqualTo(2);
        assertThat(decorated.get()).isEqualTo(4);
    }

    @Test
    void aNonBlockingCallRunsOnTheCallersThreadAndEndsWithTheOperationsStage() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletableFuture<String> operationStage = new CompletableFuture<>();
        AsyncGuard<String> guard = Guard.<String>builder("op").buildNonBlocking();

        CompletableFuture<String> result =
                guard.call(
                                () -> {
                                    ranOn.set(Thread.currentThread());
                                    return operationStage;
                                })
                        .toCompletableFuture();

        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(result).isNotDone();
        operationStage.complete("done");
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void aNonBlockingCallThatSucceedsAtOnceIsCompleteWhenCallReturns() {
        AsyncGuard<String> guard = Guard.<String>builder("op").buildNonBlocking();

        assertThat(
                        guard.call(() -> CompletableFuture.completedFuture("at once"))
                                .toCompletableFuture())
                .isCompletedWithValue("at once");
    }

    @Test
    void aRefusedNonBlockingCallsStageIsFailedWhenCallReturns() {
        CircuitBreaker breaker =
                CircuitBreaker.builder("gateway").requestVolumeThreshold(1).failureRatio(1).build();
        AsyncGuard<String> guard =
                Guard.<String>builder("op").circuitBreaker(breaker).buildNonBlocking();
        guard.call(() -> CompletableFuture.failedFuture(new IOException("down")));

        CompletableFuture<String> refused =
                guard.call(() -> CompletableFuture.completedFuture("never")).toCompletableFuture();

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).cause().isInstanceOf(CircuitBreakerOpen.class);
    }

    @Test
    void aNonBlockingCallsRetryStartsOnADefaultPoolWorker() throws Exception {
        List<Thread> attempts = new CopyOnWriteArrayList<>();
        AsyncGuard<String> guard =
                Guard.<String>builder("op")
                        .retry(retry -> retry.maxRetries(1).jitter(Duration.ZERO))
                        .buildNonBlocking();

        String result =
                guard.call(
                                () -> {
                                    attempts.add(Thread.currentThread());
                                    return attempts.size() == 1
                                            ? CompletableFuture.failedFuture(
                                                    new IOException("first attempt"))
                                            : CompletableFuture.completedFuture("retried");
                                })
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);

        assertThat(result).isEqualTo("retried");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0)).isSameAs(Thread.currentThread());
        assertThat(attempts.get(1).getName()).startsWith("breakwater-default-async-");
    }

    @Test
    void aNonBlockingCallsFallbackReplacesAFailedStage() throws Exception {
        AsyncGuard<String> guard =
                Guard.<String>builder("op").fallback(failure -> "fallback").buildNonBlocking();

        assertThat(
                        guard.call(() -> CompletableFuture.failedFuture(new IOException("down")))
                                .toCompletableFuture()
                                .get(5, TimeUnit.SECONDS))
                .isEqualTo("fallback");
    }

    @Test
    void anOffloadedCallRunsOnADefaultPoolWorker() throws Exception {
        AsyncGuard<String> guard = Guard.<String>builder("op").buildOffloading();

        String threadName =
                guard.callBlocking(() -> Thread.currentThread().getName())
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);

        assertThat(threadName).startsWith("breakwater-default-async-");
    }

    @Test
    void anOffloadedCallRunsOnTheGivenExecutor() throws Exception {
        ExecutorService executor =
                Executors.newSingleThreadExecutor(task -> new Thread(task, "mine"));
        try {
            AsyncGuard<String> guard =
                    Guard.<String>builder("op").executor(executor).buildOffloading();

            assertThat(
                            guard.call(
                                            () ->
                                                    CompletableFuture.completedFuture(
                                                            Thread.currentThread().getName()))
                                    .toCompletableFuture()
                                    .get(5, TimeUnit.SECONDS))
                    .isEqualTo("mine");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void anOffloadedCallsTimeoutInterruptsTheWorker() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        AsyncGuard<String> guard =
                Guard.<String>builder("slow").timeout(Duration.ofMillis(50)).buildOffloading();

        CompletableFuture<String> result =
                guard.callBlocking(
                                () -> {
                                    try {
                                        Thread.sleep(10_000);
                                        return "too late";
                                    } catch (InterruptedException e) {
                                        interrupted.countDown();
                                        throw e;
                                    }
                                })
                        .toCompletableFuture();

        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TimedOut.class);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailureOfTheBlockingOperationFailsTheStage() {
        AsyncGuard<String> guard = Guard.<String>builder("op").buildOffloading();
        IOException failure = new IOException("disk");

        assertThatThrownBy(
                        () ->
                                guard.callBlocking(
                                                () -> {
                                                    throw failure;
                                                })
                                        .toCompletableFuture()
                                        .get(5, TimeUnit.SECONDS))
                .cause()
                .isSameAs(failure);
    }
}
