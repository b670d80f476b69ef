package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;

/**
 * The bottom of an asynchronous pipeline with a bulkhead: runs, queues or refuses the attempt, on the thread that
 * makes it, before any thread hop; an admitted attempt is started through the offload. The attempt's life is
 * described on {@link AsyncTask}.
 */
final class AsyncBulkhead<C> extends AsyncStage<C> {

    private final Callee<C> callee;
    private final AsyncMode mode;
    private final QueueingBulkhead bulkhead;
    private final Rejections rejections;
    private final String name;

    AsyncBulkhead(
            Callee<C> callee,
            AsyncMode mode,
            QueueingBulkhead bulkhead,
            Rejections rejections,
            String name) {
        this.callee = callee;
        this.mode = mode;
        this.bulkhead = bulkhead;
        this.rejections = rejections;
        this.name = name;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        AsyncTask<C> task = new AsyncTask<>(context, callee, mode);
        if (!bulkhead.submit(task)) {
            return Futures.failed(rejections.bulkheadFull(name));
        }
        // Reachable by a cancellation only once submitted: a task cancelled while it waits must
        // find the hook
        // that takes it out of the queue.
        execution.attempt(task);
        return task.result();
    }
}
