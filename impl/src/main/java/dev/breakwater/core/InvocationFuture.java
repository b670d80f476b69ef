package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;

/**
 * What an asynchronous call hands its caller: a future whose cancellation reaches the attempt that runs,
 * waits or is about to be retried.
 */
final class InvocationFuture extends CompletableFuture<Object> {

    private final AsyncExecution execution;

    InvocationFuture(AsyncExecution execution) {
        this.execution = execution;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone()) {
            return false;
        }
        // Stop the work first, so that once the caller sees the cancellation a queued attempt has left its queue.
        execution.cancel(mayInterruptIfRunning);
        return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
