package dev.breakwater.core;

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
    private AsyncTask<?> deferred;

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

    /** Marks {@code task} to run on this thread once the stages are wired. */
    void defer(AsyncTask<?> task) {
        deferred = task;
    }

    /** Runs the attempt deferred by {@link #defer}, if any, on the calling thread. */
    void runDeferred() {
        AsyncTask<?> task = deferred;
        if (task != null) {
            deferred = null;
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
