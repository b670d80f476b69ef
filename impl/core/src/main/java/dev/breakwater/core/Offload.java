package dev.breakwater.core;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The innermost stage of an asynchronous pipeline: gives an admitted attempt the thread it runs on.
 *
 * <p>Every stage above it (fallback, retry, circuit breaker, timeout, bulkhead) runs on the thread that starts
 * the attempt, for the first attempt the caller's: so a bulkhead decides admission synchronously and in call
 * order, and a refusal is in the caller's future before the call returns. Only the guarded operation moves.
 *
 * <p>With an offload (the spec's {@code @Asynchronous}), the attempt runs on a worker thread and can be
 * interrupted there by a timeout or {@code cancel(true)}. Without one (a non-blocking operation), the attempt runs
 * at once on the thread that starts it: the caller's, or for an attempt that waited in a bulkhead the thread that
 * freed its place. That thread is not ours, so nothing interrupts it; a timeout or a cancellation only completes
 * the caller's future.
 */
final class Offload {

    /** Runs attempts on the thread that starts them. */
    static final Offload NONE = new Offload(null);

    private final Executor workers;

    private Offload(Executor workers) {
        this.workers = workers;
    }

    /** @return an offload that hands attempts to {@code workers} */
    static Offload toWorkers(Executor workers) {
        return new Offload(workers);
    }

    /**
     * Starts an admitted attempt. An attempt that no thread accepts (the pools are closed) fails with the
     * executor's exception and gives back what it holds.
     */
    void start(AsyncTask<?> task) {
        if (workers == null) {
            task.runWithoutInterrupts();
            return;
        }
        try {
            workers.execute(task);
        } catch (RejectedExecutionException | IllegalStateException e) {
            task.abandon(e);
        }
    }
}
