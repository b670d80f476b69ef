package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;

/** The bottom of an asynchronous pipeline with a bulkhead: runs, queues or refuses the attempt. */
final class AsyncBulkhead<C> extends AsyncStage<C> {

    private final Callee<C> callee;
    private final AsyncMode mode;
    private final QueueingBulkhead bulkhead;
    private final Rejections rejections;
    private final String name;

    AsyncBulkhead(Callee<C> callee, AsyncMode mode, QueueingBulkhead bulkhead, Rejections rejections,
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
        execution.attempt(task);
        if (!bulkhead.submit(task, execution)) {
            return Futures.failed(rejections.bulkheadFull(name));
        }
        return task.result();
    }
}
