package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.FallbackUse;
import dev.breakwater.core.OperationMetrics.InvocationResult;
import java.util.concurrent.CompletableFuture;

/** Counts calls of an asynchronous pipeline without a fallback; only present when metrics are on. */
final class AsyncInvocationMetering<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final OperationMetrics metrics;

    AsyncInvocationMetering(AsyncStage<C> next, OperationMetrics metrics) {
        this.next = next;
        this.metrics = metrics;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        next.call(context, execution)
                .whenComplete(
                        (value, failure) -> {
                            if (failure == null) {
                                metrics.invocation(
                                        InvocationResult.VALUE_RETURNED, FallbackUse.NOT_DEFINED);
                                outcome.complete(value);
                            } else {
                                metrics.invocation(
                                        InvocationResult.EXCEPTION_THROWN, FallbackUse.NOT_DEFINED);
                                outcome.completeExceptionally(Futures.unwrap(failure));
                            }
                        });
        return outcome;
    }
}
