package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;

/** Refuses attempts while the breaker is open and reports every outcome to it. */
final class AsyncCircuitBreaker<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final CircuitBreaker breaker;
    private final Rejections rejections;
    private final String name;

    AsyncCircuitBreaker(AsyncStage<C> next, CircuitBreaker breaker, Rejections rejections, String name) {
        this.next = next;
        this.breaker = breaker;
        this.rejections = rejections;
        this.name = name;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        if (permit == null) {
            return Futures.failed(rejections.circuitBreakerOpen(name));
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        next.call(context, execution).whenComplete((value, failure) -> {
            if (failure != null) {
                Throwable cause = Futures.unwrap(failure);
                breaker.onFailure(permit, cause);
                outcome.completeExceptionally(cause);
            } else {
                breaker.onSuccess(permit);
                outcome.complete(value);
            }
        });
        return outcome;
    }
}
