package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Replaces the result of a failed call when the policy applies, unless the caller cancelled it. */
final class AsyncFallback<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final FallbackPolicy<C> policy;
    private final AsyncMode mode;

    AsyncFallback(AsyncStage<C> next, FallbackPolicy<C> policy, AsyncMode mode) {
        this.next = next;
        this.policy = policy;
        this.mode = mode;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        next.call(context, execution).whenComplete((value, failure) -> {
            if (failure == null) {
                outcome.complete(value);
                return;
            }
            Throwable cause = Futures.unwrap(failure);
            if (execution.cancelled() || !policy.applyOn().test(cause)) {
                outcome.completeExceptionally(cause);
                return;
            }
            Object replacement;
            try {
                replacement = policy.handler().handle(context, cause);
            } catch (Throwable fallbackFailure) {
                outcome.completeExceptionally(fallbackFailure);
                return;
            }
            if (mode == AsyncMode.FUTURE) {
                outcome.complete(replacement);
            } else if (replacement == null) {
                outcome.completeExceptionally(new NullPointerException("the fallback returned null"));
            } else {
                ((CompletionStage<?>) replacement).whenComplete((v, f) -> {
                    if (f != null) {
                        outcome.completeExceptionally(Futures.unwrap(f));
                    } else {
                        outcome.complete(v);
                    }
                });
            }
        });
        return outcome;
    }
}
