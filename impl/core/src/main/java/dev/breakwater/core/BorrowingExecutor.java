package dev.breakwater.core;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>With a spin time, one borrowed thread that runs out of tasks may spin for the next one before it goes back to
 * the pool: a caller that waits for each asynchronous result before its next call (a request handler calling a
 * remote service) then finds that thread awake, instead of paying a parked thread's wake-up per call. It spins
 * only while spinning pays: a spin that ends without a task stops the spinning, and a task that arrives within
 * the spin time after the last borrowed thread ran out resumes it. So a sparse load, whose tasks come seldom,
 * costs no spinning beyond the one spin that found nothing.
 */
final class BorrowingExecutor implements Executor {

    private final Executor pool;
    private final long spinNanos;
    private final Ticker ticker;

    /** Whether a borrowed thread is spinning for the next task: at most one does. */
    private final AtomicBoolean spinning = new AtomicBoolean();

    /** Whether tasks have lately come within the spin time after the borrowed threads ran out of them. */
    private volatile boolean spinPays;

    /** When the last borrowed thread to find no task went back to the pool, by the ticker. */
    private volatile long ranOutAt;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    /**
     * Borrowed threads that do not run a task: those handed to the pool and not yet started, and those looking for
     * a task. Whenever a task is queued, at least one of them will see it: a submitter that finds none borrows one
     * after queueing, and a thread that finds the queue empty leaves the count first and looks again after (both
     * sides write, then read the other's field, so one of them sees the other's write).
     */
    private final AtomicInteger free = new AtomicInteger();

    private final Runnable borrowed = this::runQueued;

    /** @param pool the container's executor, whose threads run the tasks; borrowed threads never spin */
    BorrowingExecutor(Executor pool) {
        this(pool, 0, Ticker.SYSTEM);
    }

    /**
     * @param pool the container's executor, whose threads run the tasks
     * @param spinNanos how long a borrowed thread that runs out of tasks may spin for the next one while spinning
     *        pays; 0: never
     * @param ticker the clock of the spin time
     */
    BorrowingExecutor(Executor pool, long spinNanos, Ticker ticker) {
        this.pool = pool;
        this.spinNanos = spinNanos;
        this.ticker = ticker;
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
            if (spinNanos > 0 && !spinPays && ticker.nanoTime() - ranOutAt < spinNanos) {
                spinPays = true;
            }
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
            if (task == null && spinPays) {
                task = spinForTask();
            }
            if (task == null) {
                if (spinNanos > 0) {
                    ranOutAt = ticker.nanoTime();
                }
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

    /**
     * Spins for a task, unless another borrowed thread already does; stays counted as free meanwhile, so that a
     * submitter does not borrow another thread for a task this one is about to take.
     *
     * @return the task, or null when the spin time passed without one, or another thread spins
     */
    private Runnable spinForTask() {
        if (!spinning.compareAndSet(false, true)) {
            return null;
        }
        try {
            long deadline = ticker.nanoTime() + spinNanos;
            do {
                Thread.onSpinWait();
                Runnable task = tasks.poll();
                if (task != null) {
                    return task;
                }
            } while (ticker.nanoTime() - deadline < 0);
            spinPays = false;
            return null;
        } finally {
            spinning.set(false);
        }
    }
}
