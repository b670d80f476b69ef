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
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            execution.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
