package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.FallbackUse;
import dev.breakwater.core.OperationMetrics.InvocationResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Replaces the result of a failed call when the policy applies, unless the caller cancelled it. */
final class AsyncFallback<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final FallbackPolicy<C> policy;
    private final AsyncMode mode;
    private final OperationMetrics metrics;

    AsyncFallback(
            AsyncStage<C> next,
            FallbackPolicy<C> policy,
            AsyncMode mode,
            OperationMetrics metrics) {
        this.next = next;
        this.policy = policy;
        this.mode = mode;
        this.metrics = metrics;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        next.call(context, execution)
                .whenComplete(
                        (value, failure) -> {
                            if (failure == null) {
                                settle(outcome, value, null, FallbackUse.NOT_APPLIED);
                                return;
                            }
                            Throwable cause = Futures.unwrap(failure);
                            if (execution.cancelled() || !policy.applyOn().test(cause)) {
                                settle(outcome, null, cause, FallbackUse.NOT_APPLIED);
                                return;
                            }
                            Object replacement;
                            try {
                                replacement = policy.handler().handle(context, cause);
                            } catch (Throwable fallbackFailure) {
                                settle(outcome, null, fallbackFailure, FallbackUse.APPLIED);
                                return;
                            }
                            if (mode == AsyncMode.FUTURE) {
                                settle(outcome, replacement, null, FallbackUse.APPLIED);
                            } else if (replacement == null) {
                                settle(
                                        outcome,
                                        null,
                                        new NullPointerException("the fallback returned null"),
                                        FallbackUse.APPLIED);
                            } else {
                                ((CompletionStage<?>) replacement)
                                        .whenComplete(
                                                (v, f) ->
                                                        settle(
                                                                outcome,
                                                                v,
                                                                f == null
                                                                        ? null
                                                                        : Futures.unwrap(f),
                                                                FallbackUse.APPLIED));
                            }
                        });
        return outcome;
    }

    private void settle(
            CompletableFuture<Object> outcome, Object value, Throwable failure, FallbackUse use) {
        if (metrics != null) {
            metrics.invocation(
                    failure == null
                            ? InvocationResult.VALUE_RETURNED
                            : InvocationResult.EXCEPTION_THROWN,
                    use);
        }
        if (failure == null) {
            outcome.complete(value);
        } else {
            outcome.completeExceptionally(failure);
        }
    }
}
