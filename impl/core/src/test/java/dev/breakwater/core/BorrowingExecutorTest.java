package dev.breakwater.core;

import static dev.breakwater.core.Gate.PATIENCE_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BorrowingExecutorTest {

    /** A pool that runs nothing by itself: the test runs each borrowed thread's work when it chooses. */
    private static final class HeldPool implements Executor {
        final ConcurrentLinkedQueue<Runnable> handedOver = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            handedOver.add(task);
        }

        Runnable next() {
            return handedOver.remove();
        }
    }

    @Test
    void tasksStartedInARowAreRunByOneBorrowedThreadAndHandTheRestOfThePoolOneSpare() {
        HeldPool pool = new HeldPool();
        BorrowingExecutor executor = new BorrowingExecutor(pool);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int task = i;
            executor.execute(() -> ran.add(task));
        }
        assertThat(pool.handedOver).hasSize(1);

        pool.next().run();

        assertThat(ran).hasSize(30).isSorted();
        // Starting the first task while 29 waited borrowed one spare, which finds nothing left and
        // returns.
        assertThat(pool.handedOver).hasSize(1);
        pool.next().run();
        assertThat(ran).hasSize(30);
    }

    @Test
    void aTaskQueuedWhileEveryBorrowedThreadRunsOneBorrowsAnother() throws Exception {
        HeldPool pool = new HeldPool();
        BorrowingExecutor executor = new BorrowingExecutor(pool);
        CountDownLatch firstRuns = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(
                () -> {
                    firstRuns.countDown();
                    awaitQuietly(release);
                });
        Thread borrowed = new Thread(pool.next());
        borrowed.start();
        assertThat(firstRuns.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        AtomicInteger secondRan = new AtomicInteger();

        executor.execute(secondRan::incrementAndGet);

        assertThat(pool.handedOver).hasSize(1);
        pool.next().run();
        assertThat(secondRan).hasValue(1);
        release.countDown();
        borrowed.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        assertThat(borrowed.isAlive()).isFalse();
    }

    @Test
    void tasksThatWaitForEachOtherAllRunAtOnceAsOnTheirOwnPoolThreads() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            BorrowingExecutor executor = new BorrowingExecutor(pool);
            int tasks = 20;
            CountDownLatch allStarted = new CountDownLatch(tasks);
            CountDownLatch allDone = new CountDownLatch(tasks);
            for (int i = 0; i < tasks; i++) {
                executor.execute(
                        () -> {
                            allStarted.countDown();
                            awaitQuietly(allStarted);
                            allDone.countDown();
                        });
            }

            assertThat(allDone.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskNoThreadTakesFailsItsSubmitterAndNeverRuns() {
        RejectedExecutionException closed = new RejectedExecutionException("closed");
        HeldPool accepting = new HeldPool();
        AtomicInteger refusals = new AtomicInteger(1);
        BorrowingExecutor executor =
                new BorrowingExecutor(
                        task -> {
                            if (refusals.getAndDecrement() > 0) {
                                throw closed;
                            }
                            accepting.execute(task);
                        });
        AtomicInteger refusedRan = new AtomicInteger();
        AtomicInteger laterRan = new AtomicInteger();

        assertThatExceptionOfType(RejectedExecutionException.class)
                .isThrownBy(() -> executor.execute(refusedRan::incrementAndGet))
                .isSameAs(closed);

        executor.execute(laterRan::incrementAndGet);
        accepting.next().run();
        assertThat(laterRan).hasValue(1);
        assertThat(refusedRan).hasValue(0);
    }

    @Test
    void aTaskThatThrowsIsReportedToItsThreadsHandlerAndTheThreadRunsTheNextTask()
            throws Exception {
        HeldPool pool = new HeldPool();
        BorrowingExecutor executor = new BorrowingExecutor(pool);
        IllegalStateException failure = new IllegalStateException("task failed");
        AtomicInteger nextRan = new AtomicInteger();
        executor.execute(
                () -> {
                    throw failure;
                });
        executor.execute(nextRan::incrementAndGet);
        List<Throwable> reported = new ArrayList<>();
        Thread borrowed = new Thread(pool.next());
        borrowed.setUncaughtExceptionHandler((thread, thrown) -> reported.add(thrown));

        borrowed.start();
        borrowed.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));

        assertThat(reported).containsExactly(failure);
        assertThat(nextRan).hasValue(1);
    }

    @Test
    void aCallerThatWaitsForEachResultFindsTheSpinningThreadAwakeInsteadOfBorrowingOnePerCall()
            throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            AtomicInteger borrowed = new AtomicInteger();
            // A spin far longer than any pause of the calling thread, so that no call is missed.
            BorrowingExecutor executor =
                    new BorrowingExecutor(
                            task -> {
                                borrowed.incrementAndGet();
                                threads.execute(task);
                            },
                            TimeUnit.MILLISECONDS.toNanos(500),
                            Ticker.SYSTEM);
            int calls = 1_000;
            for (int i = 0; i < calls; i++) {
                CountDownLatch done = new CountDownLatch(1);
                executor.execute(done::countDown);
                assertThat(done.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            }

            // The first call borrows; the second, coming within the spin time after the thread ran
            // out, borrows again and turns spinning on; from then on the spinning thread takes
            // them,
            // but for a call submitted between the end of a task and its thread counting itself
            // free
            // again. Without spinning, every call would wake a parked thread: about one borrow
            // each.
            assertThat(borrowed.get()).isLessThan(calls / 10);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSpinThatFindsNoTaskStopsTheSpinningUntilATaskComesWithinTheSpinTimeAgain() {
        HeldPool pool = new HeldPool();
        ReadCountingClock clock = new ReadCountingClock();
        BorrowingExecutor executor = new BorrowingExecutor(pool, 100, clock);
        AtomicInteger ran = new AtomicInteger();

        executor.execute(ran::incrementAndGet);
        assertThat(clock.readsDuring(pool.next())).as("no spin yet").isLessThan(5);

        executor.execute(ran::incrementAndGet); // soon after the thread ran out: spinning pays
        assertThat(clock.readsDuring(pool.next())).as("spun for the spin time").isGreaterThan(50);

        clock.advance(1_000); // a sparse load: the next task comes long after
        executor.execute(ran::incrementAndGet);
        assertThat(clock.readsDuring(pool.next())).as("no spin after one in vain").isLessThan(5);

        assertThat(ran).hasValue(3);
        assertThat(pool.handedOver).isEmpty();
    }

    /** A clock that moves one nanosecond each time it is read, and counts its reads. */
    private static final class ReadCountingClock implements Ticker {
        private long now = 1_000_000;
        private int reads;

        @Override
        public long nanoTime() {
            reads++;
            return now++;
        }

        void advance(long nanos) {
            now += nanos;
        }

        int readsDuring(Runnable borrowedThread) {
            int before = reads;
            borrowedThread.run();
            return reads - before;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
