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
        // A queued attempt leaves its queue before the caller sees the cancellation; a running one
        // is interrupted
        // only after, so that the outcome the interrupt provokes cannot complete this future first.
        execution.cancel(false);
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && mayInterruptIfRunning) {
            execution.cancel(true);
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
