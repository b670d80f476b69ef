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

    /**
     * How long a thread of {@link #create}'s pools that runs out of asynchronous work may spin for the next task. A
     * wake-up costs 12-20 µs on the 2-core machines of docs/performance.md, but a caller that calls again as soon
     * as its result is there is itself descheduled for longer now and then: 20 µs missed one call in a few, 50 µs
     * almost none. A spin in vain costs at most 50 µs of CPU once, and then spinning stops until tasks come sooner.
     */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /**
     * @param borrowSpinNanos negative: each task is handed to the executor; otherwise its threads are borrowed
     *        ({@link BorrowingExecutor}), spinning that long for the next task while that pays
     */
    private ThreadPools(String prefix, ExecutorService suppliedExecutor, long borrowSpinNanos) {
        this.prefix = prefix;
        this.suppliedExecutor = suppliedExecutor;
        // The executor is looked up per task: it starts on first use, and fails the work once these
        // pools are closed.
        Executor started = task -> executor().execute(task);
        this.workers =
                borrowSpinNanos < 0
                        ? started
                        : new BorrowingExecutor(started, borrowSpinNanos, Ticker.SYSTEM);
    }

    /**
     * Pools that create their own threads. Asynchronous work runs on borrowed threads of a cached pool, as
     * {@link #borrowing} describes; a thread that runs out of work spins up to 50 µs for the next task while tasks
     * keep coming that soon, so that a caller that waits for each result before its next call does not pay a
     * parked thread's wake-up per call, and a sparse load pays no spinning.
     *
     * @param name what the threads work for; they are named {@code breakwater-<name>-async-N} and
     *             {@code breakwater-<name>-timer}
     * @return pools that create their own threads
     */
    public static ThreadPools create(String name) {
        return new ThreadPools("breakwater-" + name, null, SPIN_NANOS);
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
        return new ThreadPools("breakwater-" + name, executor, -1);
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
        return new ThreadPools("breakwater-" + name, executor, 0);
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
