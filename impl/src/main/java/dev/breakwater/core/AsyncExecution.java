package dev.breakwater.core;

/**
 * The state of one asynchronous call shared by its stages: whether the caller cancelled it, and which attempt
 * runs now, so that a cancellation or a timeout can reach it.
 */
final class AsyncExecution {

    private volatile boolean cancelled;
    private volatile AsyncTask<?> current;

    boolean cancelled() {
        return cancelled;
    }

    AsyncTask<?> current() {
        return current;
    }

    void attempt(AsyncTask<?> task) {
        current = task;
        if (cancelled) {
            task.cancel();
        }
    }

    void cancel() {
        cancelled = true;
        AsyncTask<?> task = current;
        if (task != null) {
            task.cancel();
        }
    }
}
