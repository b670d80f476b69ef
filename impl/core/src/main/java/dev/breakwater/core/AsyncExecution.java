package dev.breakwater.core;

/**
 * The state of one asynchronous call shared by its stages: whether the caller cancelled it, and which attempt
 * runs now, so that a cancellation or a timeout can reach it.
 */
final class AsyncExecution {

    private final InvocationFuture outcome = new InvocationFuture(this);
    private volatile boolean cancelled;
    private volatile AsyncTask<?> current;

    /** @return the future the caller gets, whose cancellation reaches this call */
    InvocationFuture outcome() {
        return outcome;
    }

    boolean cancelled() {
        return cancelled;
    }

    AsyncTask<?> current() {
        return current;
    }

    /** Makes {@code task} the attempt a cancellation reaches; cancels it at once if the caller already has. */
    void attempt(AsyncTask<?> task) {
        current = task;
        if (cancelled) {
            task.cancel(false);
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
