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
    private final boolean outermost;

    /**
     * @param outermost whether no stage wraps this one: the attempt then completes the caller's future itself,
     *                  rather than a future of its own that the pipeline would relay
     */
    AsyncInvoke(Callee<C> callee, AsyncMode mode, Offload offload, boolean outermost) {
        this.callee = callee;
        this.mode = mode;
        this.offload = offload;
        this.outermost = outermost;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        AsyncTask<C> task =
                new AsyncTask<>(
                        context,
                        callee,
                        mode,
                        outermost ? execution.outcome() : new CompletableFuture<>());
        execution.attempt(task);
        offload.start(task);
        return task.result();
    }
}
