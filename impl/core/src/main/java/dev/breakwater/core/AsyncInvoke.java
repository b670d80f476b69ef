package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;

/**
 * The bottom of an asynchronous pipeline without a bulkhead: starts the attempt through the offload. The attempt's
 * life is described on {@link AsyncTask}.
 */
final class AsyncInvoke<C> extends AsyncStage<C> {

    private final Callee<C> callee;
    private final AsyncMode mode;
    private final Offload offload;

    AsyncInvoke(Callee<C> callee, AsyncMode mode, Offload offload) {
        this.callee = callee;
        this.mode = mode;
        this.offload = offload;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        AsyncTask<C> task = new AsyncTask<>(context, callee, mode);
        execution.attempt(task);
        offload.start(task);
        return task.result();
    }
}
