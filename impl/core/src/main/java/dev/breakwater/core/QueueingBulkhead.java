package dev.breakwater.core;

import java.util.ArrayDeque;

/**
 * An asynchronous bulkhead: at most {@code value} tasks run, at most {@code waitingTaskQueue} more wait, and
 * the rest are refused at once. The decision is taken on the thread that submits the task, so tasks submitted
 * one after another are admitted in that order. A finished task hands its place to the oldest waiting one.
 *
 * <p>A plain lock guards the counts: the asynchronous path already allocates and hops threads, and the lock
 * makes "running plus waiting" exact, which the spec's tests observe.
 *
 * <p>Synchronous calls of a pipeline that shares this bulkhead ({@link PipelineBuilder#sharingStateOf}) take a place
 * too, at once or not at all: they never wait in the queue, and the place they give back goes to the oldest waiting
 * task.
 */
final class QueueingBulkhead implements BulkheadGauges, SyncAdmission {

    private final int maxRunning;
    private final int maxWaiting;
    private final Offload offload;
    private final OperationMetrics metrics;
    private final Ticker ticker;
    private final ArrayDeque<AsyncTask<?>> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param policy the limits
     * @param offload starts the tasks that take a place, at once or once a place frees
     * @param metrics receives the bulkhead's events, or {@code null}
     */
    QueueingBulkhead(
            BulkheadPolicy policy, Offload offload, OperationMetrics metrics, Ticker ticker) {
        this.maxRunning = policy.maxConcurrent();
        this.maxWaiting = policy.waitingTaskQueue();
        this.offload = offload;
        this.metrics = metrics;
        this.ticker = ticker;
    }

    /**
     * Starts the task if a place is free, queues it if the queue has room, or refuses it.
     *
     * @return false when the task was refused
     */
    boolean submit(AsyncTask<?> task) {
        if (metrics != null) {
            task.queuedAt(ticker.nanoTime());
        }
        // Hooks first: once queued, another thread may start or cancel the task at any moment.
        task.onSettled(() -> release(task));
        task.onCancelWhileQueued(this::remove);
        boolean runNow;
        synchronized (this) {
            if (running < maxRunning) {
                running++;
                runNow = true;
            } else if (waiting.size() < maxWaiting) {
                waiting.addLast(task);
                runNow = false;
            } else {
                recordAccepted(false);
                return false;
            }
        }
        recordAccepted(true);
        if (runNow) {
            started(task);
            offload.start(task);
        }
        return true;
    }

    /**
     * Frees the finished task's place: the oldest waiting task takes it over. A task cancelled just as it was
     * taken from the queue settles without running and so comes back here, passing the place on.
     */
    private void release(AsyncTask<?> finished) {
        if (metrics != null) {
            metrics.bulkheadRan(ticker.nanoTime() - finished.startedAt());
        }
        AsyncTask<?> next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        started(next);
        offload.start(next);
    }

    /** @return whether a synchronous call took a free place (it never queues) */
    @Override
    public boolean tryAcquire() {
        synchronized (this) {
            if (running < maxRunning) {
                running++;
                return true;
            }
            return false;
        }
    }

    /** Gives a synchronous call's place back: the oldest waiting task takes it over. */
    @Override
    public void release() {
        AsyncTask<?> next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        started(next);
        offload.start(next);
    }

    private void started(AsyncTask<?> task) {
        if (metrics != null) {
            long now = ticker.nanoTime();
            metrics.bulkheadWaited(now - task.queuedAt());
            task.startedAt(now);
        }
    }

    private void recordAccepted(boolean accepted) {
        if (metrics != null) {
            metrics.bulkheadCall(accepted);
        }
    }

    private synchronized void remove(AsyncTask<?> task) {
        waiting.remove(task);
    }

    @Override
    public synchronized int running() {
        return running;
    }

    @Override
    public synchronized int waiting() {
        return waiting.size();
    }
}
