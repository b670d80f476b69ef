package dev.breakwater.core;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * An asynchronous bulkhead: at most {@code value} tasks run, at most {@code waitingTaskQueue} more wait, and
 * the rest are refused at once. A finished task hands its place to the oldest waiting one.
 *
 * <p>A plain lock guards the counts: the asynchronous path already allocates and hops threads, and the lock
 * makes "running plus waiting" exact, which the spec's tests observe.
 */
public final class QueueingBulkhead {

    private final int maxRunning;
    private final int maxWaiting;
    private final Executor executor;
    private final ArrayDeque<AsyncTask<?>> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param policy the limits
     * @param executor runs waiting tasks once a place frees
     */
    public QueueingBulkhead(BulkheadPolicy policy, Executor executor) {
        this.maxRunning = policy.maxConcurrent();
        this.maxWaiting = policy.waitingTaskQueue();
        this.executor = executor;
    }

    /**
     * Admits the task to run on the calling thread (deferred through {@code execution}) if a place is free,
     * queues it if the queue has room, or refuses it.
     *
     * @return false when the task was refused
     */
    boolean submit(AsyncTask<?> task, AsyncExecution execution) {
        synchronized (this) {
            if (running < maxRunning) {
                running++;
            } else if (waiting.size() < maxWaiting) {
                task.onCancelWhileQueued(this::remove);
                waiting.addLast(task);
                return true;
            } else {
                return false;
            }
        }
        task.onSettled(this::release);
        execution.defer(task);
        return true;
    }

    private void release() {
        AsyncTask<?> next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        next.onSettled(this::release);
        executor.execute(next);
    }

    private synchronized void remove(AsyncTask<?> task) {
        waiting.remove(task);
    }

    /** @return tasks running now */
    public synchronized int running() {
        return running;
    }

    /** @return tasks waiting for a place now */
    public synchronized int waiting() {
        return waiting.size();
    }
}
