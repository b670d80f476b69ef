package dev.breakwater.core;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a container's pipelines run on: one executor for asynchronous work, one timer for the timeouts of
 * asynchronous calls and for retry delays, and one {@link Watchdog} for the timeouts of synchronous calls. Each
 * starts on first use, their threads are named {@code breakwater-*}, and {@link #close()} stops them; the
 * container that created this object closes it when it shuts down.
 */
public final class ThreadPools implements AutoCloseable {

    private final String prefix;
    private final ExecutorService suppliedExecutor;
    private final Executor workers;
    private volatile ExecutorService executor;
    private volatile ScheduledThreadPoolExecutor timer;
    private volatile Watchdog watchdog;
    private volatile boolean closed;

    private ThreadPools(String prefix, ExecutorService suppliedExecutor, boolean borrow) {
        this.prefix = prefix;
        this.suppliedExecutor = suppliedExecutor;
        // The executor is looked up per task: it starts on first use, and fails the work once these
        // pools are closed.
        Executor started = task -> executor().execute(task);
        this.workers = borrow ? new BorrowingExecutor(started) : started;
    }

    /**
     * @param name what the threads work for; they are named {@code breakwater-<name>-async-N} and
     *             {@code breakwater-<name>-timer}
     * @return pools that create their own threads
     */
    public static ThreadPools create(String name) {
        return new ThreadPools("breakwater-" + name, null, false);
    }

    /**
     * For integrators that manage threads themselves. The supplied executor is used as it is and not shut down
     * by {@link #close()}; the timer is still Breakwater's own.
     *
     * @param name names the timer thread {@code breakwater-<name>-timer}
     * @param executor runs asynchronous work
     * @return pools around the supplied executor
     */
    public static ThreadPools withExecutor(String name, ExecutorService executor) {
        return new ThreadPools("breakwater-" + name, executor, false);
    }

    /**
     * For a container whose executor hands each task to a parked thread of its own (Quarkus's worker pool): its
     * threads are borrowed, each running queued asynchronous work until none is left, and another is borrowed only
     * when work waits while no borrowed thread is free; so a caller starting several asynchronous calls in a row
     * wakes one thread rather than one per call, and no call waits behind one that blocks. The executor is not shut
     * down by {@link #close()}; the timer is still Breakwater's own.
     *
     * @param name names the timer thread {@code breakwater-<name>-timer}
     * @param executor the container's executor, whose threads run asynchronous work
     * @return pools borrowing the threads of the supplied executor
     */
    public static ThreadPools borrowing(String name, ExecutorService executor) {
        return new ThreadPools("breakwater-" + name, executor, true);
    }

    /** @return the executor for asynchronous work, started on first use */
    public ExecutorService executor() {
        ExecutorService current = executor;
        if (current == null) {
            synchronized (this) {
                checkOpen();
                current = executor;
                if (current == null) {
                    current = suppliedExecutor != null ? suppliedExecutor : newExecutor();
                    executor = current;
                }
            }
        }
        return current;
    }

    /**
     * @return what asynchronous work is handed to: {@link #executor()}, started on first use, or for pools made by
     *         {@link #borrowing} the threads borrowed from it
     */
    Executor workers() {
        return workers;
    }

    /** @return the timer, started on first use; cancelled tasks leave its queue at once */
    public ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor current = timer;
        if (current == null) {
            synchronized (this) {
                checkOpen();
                current = timer;
                if (current == null) {
                    current = new ScheduledThreadPoolExecutor(1, named(prefix + "-timer", false));
                    current.setRemoveOnCancelPolicy(true);
                    current.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                    timer = current;
                }
            }
        }
        return current;
    }

    /** @return the watchdog of synchronous timeouts, started on first use */
    Watchdog watchdog() {
        Watchdog current = watchdog;
        if (current == null) {
            synchronized (this) {
                checkOpen();
                current = watchdog;
                if (current == null) {
                    current = new Watchdog(prefix + "-watchdog");
                    watchdog = current;
                }
            }
        }
        return current;
    }

    /** @return the timeouts of synchronous calls that may still fire, for tests and diagnostics */
    public int armedTimeouts() {
        Watchdog current = watchdog;
        return current == null ? 0 : current.armed();
    }

    /** @return the number of tasks waiting in the timer, for tests and diagnostics */
    public int pendingTimerTasks() {
        ScheduledThreadPoolExecutor current = timer;
        return current == null ? 0 : current.getQueue().size();
    }

    private ExecutorService newExecutor() {
        // Unbounded on purpose: bulkheads, not the pool, limit concurrency, and a bounded pool
        // could deadlock
        // a retry waiting for a thread held by the attempt it retries.
        return new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                named(prefix + "-async-", true));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(prefix + " thread pools are closed");
        }
    }

    /** Stops the timer and the executor this object created, interrupting work still running, and waits. */
    @Override
    public void close() {
        ExecutorService ownExecutor;
        ScheduledThreadPoolExecutor ownTimer;
        Watchdog ownWatchdog;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ownExecutor = suppliedExecutor == null ? executor : null;
            ownTimer = timer;
            ownWatchdog = watchdog;
        }
        if (ownWatchdog != null) {
            ownWatchdog.close();
        }
        if (ownTimer != null) {
            ownTimer.shutdownNow();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
        awaitTermination(ownTimer);
        awaitTermination(ownExecutor);
    }

    private static void awaitTermination(ExecutorService service) {
        if (service == null) {
            return;
        }
        try {
            service.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, numbered ? name + counter.incrementAndGet() : name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
