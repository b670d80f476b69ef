package dev.breakwater.core;

import static dev.breakwater.core.Gate.PATIENCE_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadPoolsTest {

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    /** A pool name no other test uses, so that its threads can be told apart. */
    private static String uniqueName(String what) {
        return what + UNIQUE.incrementAndGet();
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .toList();
    }

    @Test
    void theExecutorsThreadsAreNamedBreakwaterNameAsyncN() throws Exception {
        String name = uniqueName("names");
        try (ThreadPools threads = ThreadPools.create(name)) {
            String thread =
                    threads.executor()
                            .submit(() -> Thread.currentThread().getName())
                            .get(PATIENCE_SECONDS, TimeUnit.SECONDS);

            assertThat(thread).matches("breakwater-" + name + "-async-\\d+");
        }
    }

    @Test
    void theTimersThreadIsNamedBreakwaterNameTimer() throws Exception {
        String name = uniqueName("names");
        try (ThreadPools threads = ThreadPools.create(name)) {
            String thread =
                    threads.timer()
                            .schedule(
                                    () -> Thread.currentThread().getName(),
                                    1,
                                    TimeUnit.MILLISECONDS)
                            .get(PATIENCE_SECONDS, TimeUnit.SECONDS);

            assertThat(thread).isEqualTo("breakwater-" + name + "-timer");
        }
    }

    @Test
    void asynchronousCallsRunOnBreakwaterThreads() throws Exception {
        String name = uniqueName("calls");
        try (ThreadPools threads = ThreadPools.create(name)) {
            Pipeline<Callable<Object>> pipeline =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .asynchronous(AsyncMode.COMPLETION_STAGE)
                            .build(threads);

            Object result =
                    pipeline.call(
                            () ->
                                    CompletableFuture.completedFuture(
                                            Thread.currentThread().getName()));

            assertThat(
                            (String)
                                    ((CompletionStage<?>) result)
                                            .toCompletableFuture()
                                            .get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .startsWith("breakwater-" + name + "-async-");
        }
    }

    @Test
    void nothingStartsBeforeItIsNeeded() {
        String name = uniqueName("lazy");
        try (ThreadPools threads = ThreadPools.create(name)) {
            assertThat(threads.pendingTimerTasks()).isZero();
            assertThat(threadsNamed("breakwater-" + name)).isEmpty();
        }
    }

    @Test
    void afterCloseNoThreadOfThePoolIsAliveAndRunningWorkWasInterrupted() throws Exception {
        String name = uniqueName("closing");
        ThreadPools threads = ThreadPools.create(name);
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch interrupted = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            threads.executor()
                    .execute(
                            () -> {
                                started.countDown();
                                try {
                                    new CountDownLatch(1).await();
                                } catch (InterruptedException e) {
                                    interrupted.countDown();
                                }
                            });
        }
        threads.timer().schedule(() -> {}, 1, TimeUnit.HOURS);
        Gate.await(started);
        List<Thread> poolThreads = threadsNamed("breakwater-" + name);
        assertThat(poolThreads).hasSize(4);

        threads.close();

        Gate.await(interrupted);
        for (Thread thread : poolThreads) {
            thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertThat(thread.isAlive()).as("%s alive", thread.getName()).isFalse();
        }
        assertThat(threadsNamed("breakwater-" + name)).isEmpty();
    }

    @Test
    void closedPoolsRefuseWorkAndClosingAgainDoesNothing() {
        ThreadPools unused = ThreadPools.create(uniqueName("closed"));
        ThreadPools used = ThreadPools.create(uniqueName("closed"));
        ExecutorService executor = used.executor();

        unused.close();
        used.close();
        used.close();

        assertThatIllegalStateException()
                .isThrownBy(unused::executor)
                .withMessageContaining("closed");
        assertThatIllegalStateException().isThrownBy(unused::timer).withMessageContaining("closed");
        assertThatIllegalStateException().isThrownBy(used::timer).withMessageContaining("closed");
        assertThat(executor.isShutdown()).isTrue();
        assertThatExceptionOfType(RejectedExecutionException.class)
                .isThrownBy(() -> executor.execute(() -> {}));
        assertThat(used.pendingTimerTasks()).isZero();
    }

    @Test
    void anAsynchronousCallOnClosedPoolsFailsThroughItsFutureWithoutThrowing() throws Exception {
        ThreadPools unused = ThreadPools.create(uniqueName("closed"));
        ThreadPools used = ThreadPools.create(uniqueName("closed"));
        used.executor();
        unused.close();
        used.close();

        assertThat(failureOfAsyncCallOn(unused)).isInstanceOf(IllegalStateException.class);
        assertThat(failureOfAsyncCallOn(used)).isInstanceOf(RejectedExecutionException.class);
    }

    private static Throwable failureOfAsyncCallOn(ThreadPools threads) throws Exception {
        Pipeline<Callable<Object>> pipeline =
                Pipeline.<Callable<Object>>builder("op", Callable::call)
                        .asynchronous(AsyncMode.COMPLETION_STAGE)
                        .build(threads);

        Object result = pipeline.call(() -> CompletableFuture.completedFuture("never"));

        CompletableFuture<?> future = ((CompletionStage<?>) result).toCompletableFuture();
        assertThat(future).isCompletedExceptionally();
        try {
            return fail("expected a failure, got " + future.get());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void aSuppliedExecutorIsUsedAsItIsAndNotShutDownByClose() throws Exception {
        ExecutorService supplied = Executors.newSingleThreadExecutor();
        try {
            String name = uniqueName("supplied");
            ThreadPools threads = ThreadPools.withExecutor(name, supplied);
            assertThat(threads.executor()).isSameAs(supplied);
            String timer =
                    threads.timer()
                            .schedule(
                                    () -> Thread.currentThread().getName(),
                                    1,
                                    TimeUnit.MILLISECONDS)
                            .get(PATIENCE_SECONDS, TimeUnit.SECONDS);

            threads.close();

            assertThat(timer).isEqualTo("breakwater-" + name + "-timer");
            assertThat(supplied.isShutdown()).isFalse();
            assertThat(supplied.submit(() -> "still works").get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("still works");
        } finally {
            supplied.shutdownNow();
        }
    }

    @Test
    void borrowingPoolsRunAsynchronousCallsOnTheSuppliedExecutorsThreadsAndDoNotShutItDown()
            throws Exception {
        ExecutorService supplied =
                Executors.newCachedThreadPool(task -> new Thread(task, "container-worker"));
        try {
            ThreadPools threads = ThreadPools.borrowing(uniqueName("borrowing"), supplied);
            Pipeline<Callable<Object>> pipeline =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .asynchronous(AsyncMode.COMPLETION_STAGE)
                            .build(threads);

            Object stage =
                    pipeline.call(
                            () ->
                                    CompletableFuture.completedFuture(
                                            Thread.currentThread().getName()));
            Object thread =
                    ((CompletionStage<?>) stage)
                            .toCompletableFuture()
                            .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            threads.close();

            assertThat(thread).isEqualTo("container-worker");
            assertThat(supplied.isShutdown()).isFalse();
        } finally {
            supplied.shutdownNow();
        }
    }

    @Test
    void noTimeoutIsLeftArmedOnceSynchronousCallsWithTimeoutsHaveEnded() throws Exception {
        try (ThreadPools threads = ThreadPools.create(uniqueName("timer"))) {
            Pipeline<Callable<Object>> pipeline =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .timeout(new TimeoutPolicy(TimeUnit.HOURS.toNanos(1)))
                            .build(threads);

            for (int i = 0; i < 200; i++) {
                pipeline.call(() -> "quick");
            }

            assertThat(threads.armedTimeouts()).isZero();
        }
    }

    @Test
    void noTimerTaskIsLeftOnceAsynchronousCallsWithTimeoutsHaveEnded() throws Exception {
        try (ThreadPools threads = ThreadPools.create(uniqueName("timer"))) {
            Pipeline<Callable<Object>> pipeline =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .asynchronous(AsyncMode.COMPLETION_STAGE)
                            .timeout(new TimeoutPolicy(TimeUnit.HOURS.toNanos(1)))
                            .build(threads);

            for (int i = 0; i < 200; i++) {
                Object result = pipeline.call(() -> CompletableFuture.completedFuture("quick"));
                ((CompletionStage<?>) result)
                        .toCompletableFuture()
                        .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            }

            assertThat(threads.pendingTimerTasks()).isZero();
        }
    }

    @Test
    void aPendingTimeoutIsCountedUntilItsCallEnds() throws Exception {
        try (ThreadPools threads = ThreadPools.create(uniqueName("timer"))) {
            Pipeline<Callable<Object>> pipeline =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .asynchronous(AsyncMode.COMPLETION_STAGE)
                            .timeout(new TimeoutPolicy(TimeUnit.HOURS.toNanos(1)))
                            .build(threads);
            CompletableFuture<Object> inner = new CompletableFuture<>();
            CountDownLatch called = new CountDownLatch(1);

            Object result =
                    pipeline.call(
                            () -> {
                                called.countDown();
                                return inner;
                            });
            Gate.await(called);

            assertThat(threads.pendingTimerTasks()).isEqualTo(1);
            inner.complete("done");
            ((CompletionStage<?>) result)
                    .toCompletableFuture()
                    .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(threads.pendingTimerTasks()).isZero();
        }
    }
}
