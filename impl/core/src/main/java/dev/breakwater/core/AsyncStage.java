package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;

/**
 * One policy of an asynchronous pipeline, wrapped around the next. Never throws: every outcome arrives
 * through the returned future.
 *
 * @param <C> the per-call context
 */
abstract class AsyncStage<C> {

    abstract CompletableFuture<Object> call(C context, AsyncExecution execution);
}
