package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.CircuitBreakerResult;
import java.util.concurrent.CompletableFuture;

/** Refuses attempts while the breaker is open and reports every outcome to it. */
final class AsyncCircuitBreaker<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final CircuitBreaker breaker;
    private final Rejections rejections;
    private final String name;
    private final OperationMetrics metrics;

    AsyncCircuitBreaker(
            AsyncStage<C> next,
            CircuitBreaker breaker,
            Rejections rejections,
            String name,
            OperationMetrics metrics) {
        this.next = next;
        this.breaker = breaker;
        this.rejections = rejections;
        this.name = name;
        this.metrics = metrics;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        if (permit == null) {
            record(CircuitBreakerResult.CIRCUIT_BREAKER_OPEN);
            return Futures.failed(rejections.circuitBreakerOpen(name));
        }
        long started = breaker.startOfCall();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        next.call(context, execution)
                .whenComplete(
                        (value, failure) -> {
                            if (failure != null) {
                                Throwable cause = Futures.unwrap(failure);
                                boolean counted = breaker.onFailure(permit, cause, started);
                                record(
                                        counted
                                                ? CircuitBreakerResult.FAILURE
                                                : CircuitBreakerResult.SUCCESS);
                                outcome.completeExceptionally(cause);
                            } else {
                                breaker.onSuccess(permit, started);
                                record(CircuitBreakerResult.SUCCESS);
                                outcome.complete(value);
                            }
                        });
        return outcome;
    }

    private void record(CircuitBreakerResult result) {
        if (metrics != null) {
            metrics.circuitBreakerCall(result);
        }
    }
}
