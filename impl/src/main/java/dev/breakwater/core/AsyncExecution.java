package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one asynchronous call shared by its stages: whether the caller cancelled it, which attempt runs
 * now (so that a cancellation or a timeout can reach it), and an attempt admitted to run on the current thread.
 *
 * <p>An admitted attempt is not run by the stage that admits it but deferred until whoever started the attempt
 * (the call's entry, or a retry) has wired every stage's continuation; running it inline at once would block
 * the wiring, and a timeout could not reach the caller while the attempt hangs.
 */
final class AsyncExecution {

    private volatile boolean cancelled;
    private volatile AsyncTask<?> current;
    private final AtomicReference<AsyncTask<?>> deferred = new AtomicReference<>();

    boolean cancelled() {
        return cancelled;
    }

    AsyncTask<?> current() {
        return current;
    }

    void attempt(AsyncTask<?> task) {
        current = task;
        if (cancelled) {
            task.cancel(false);
        }
    }

    /** Marks {@code task} to run once the stages are wired. */
    void defer(AsyncTask<?> task) {
        deferred.set(task);
    }

    /**
     * Runs the attempt deferred by {@link #defer}, if any, on the calling thread. Taken atomically: a retry
     * started on another thread may defer its attempt while the thread of the previous attempt is still here, and
     * the attempt must run exactly once, whichever of the two takes it.
     */
    void runDeferred() {
        AsyncTask<?> task = deferred.getAndSet(null);
        if (task != null) {
            task.run();
        }
    }

    /**
     * Stops the call: no retry starts, a queued attempt never runs, and if {@code interrupt} the running attempt is
     * interrupted.
     */
    void cancel(boolean interrupt) {
        cancelled = true;
        AsyncTask<?> task = current;
        if (task != null) {
            task.cancel(interrupt);
        }
    }
}
