package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;

/**
 * The bottom of an asynchronous pipeline without a bulkhead: runs the attempt on the current thread, which is
 * already one of the pipeline's worker threads.
 */
final class AsyncInvoke<C> extends AsyncStage<C> {

    private final Callee<C> callee;
    private final AsyncMode mode;

    AsyncInvoke(Callee<C> callee, AsyncMode mode) {
        this.callee = callee;
        this.mode = mode;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        AsyncTask<C> task = new AsyncTask<>(context, callee, mode);
        execution.attempt(task);
        execution.defer(task);
        return task.result();
    }
}
