package dev.breakwater.core;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on threads borrowed from a container's executor: a borrowed thread takes queued tasks one after the
 * other until none is left, and another thread is borrowed only when a task waits while no borrowed thread is free
 * to take it.
 *
 * <p>Why: a pool such as Quarkus's worker pool hands each task to a parked thread of its own and wakes it, and on
 * two cores that wake-up, the thread's switch in and its parking again cost about 12-14 µs of CPU per task, ten
 * times the task's own cost for a short asynchronous method (docs/performance.md). A caller that starts several
 * asynchronous calls in a row then pays one wake-up per call; here a thread already awake runs them.
 *
 * <p>It never runs fewer tasks at once than handing each straight to the pool would allow: whenever a borrowed
 * thread starts a task while others wait and no other borrowed thread is free, it borrows one more before it runs
 * its task. So a task that blocks (a method waiting on another asynchronous call, a bulkhead's calls that wait for
 * each other) holds one thread, as it would in the pool, and never holds up the tasks queued behind it. No thread
 * is ours: the pool creates, names, limits and stops them.
 */
final class BorrowingExecutor implements Executor {

    private final Executor pool;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    /**
     * Borrowed threads that do not run a task: those handed to the pool and not yet started, and those looking for
     * a task. Whenever a task is queued, at least one of them will see it: a submitter that finds none borrows one
     * after queueing, and a thread that finds the queue empty leaves the count first and looks again after (both
     * sides write, then read the other's field, so one of them sees the other's write).
     */
    private final AtomicInteger free = new AtomicInteger();

    private final Runnable borrowed = this::runQueued;

    /** @param pool the container's executor, whose threads run the tasks */
    BorrowingExecutor(Executor pool) {
        this.pool = pool;
    }

    /**
     * Queues a task, and borrows a thread for it unless a borrowed one is free.
     *
     * @throws RejectedExecutionException what the pool threw when it took no thread, for a task that no borrowed
     *         thread took meanwhile
     */
    @Override
    public void execute(Runnable task) {
        tasks.offer(task);
        if (free.get() == 0) {
            try {
                borrow();
            } catch (RuntimeException refused) {
                if (tasks.remove(task)) {
                    throw refused;
                }
                // A borrowed thread took the task after all: it runs.
            }
        }
    }

    private void borrow() {
        free.incrementAndGet();
        try {
            pool.execute(borrowed);
        } catch (RuntimeException refused) {
            free.decrementAndGet();
            throw refused;
        }
    }

    private void runQueued() {
        Thread thread = Thread.currentThread();
        while (true) {
            Runnable task = tasks.poll();
            if (task == null) {
                free.decrementAndGet();
                if (tasks.isEmpty()) {
                    return;
                }
                free.incrementAndGet();
                continue;
            }
            if (free.decrementAndGet() == 0 && !tasks.isEmpty()) {
                try {
                    borrow();
                } catch (RuntimeException refused) {
                    // The pool is stopping: this thread runs what waits once its task is done.
                }
            }
            try {
                task.run();
            } catch (RuntimeException | Error failure) {
                // As the pool would have it for a task of its own: the thread's handler reports it.
                thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
            }
            free.incrementAndGet();
        }
    }
}
