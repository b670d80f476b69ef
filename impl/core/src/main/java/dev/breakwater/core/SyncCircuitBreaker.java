package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.CircuitBreakerResult;

/** Refuses calls while the breaker is open and reports every outcome to it. */
final class SyncCircuitBreaker<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final CircuitBreaker breaker;
    private final Rejections rejections;
    private final String name;
    private final OperationMetrics metrics;

    SyncCircuitBreaker(
            SyncStage<C> next,
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
    Object call(C context) throws Exception {
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        if (permit == null) {
            record(CircuitBreakerResult.CIRCUIT_BREAKER_OPEN);
            throw rejections.circuitBreakerOpen(name);
        }
        long started = breaker.startOfCall();
        Object result;
        try {
            result = next.call(context);
        } catch (Throwable failure) {
            boolean counted = breaker.onFailure(permit, failure, started);
            record(counted ? CircuitBreakerResult.FAILURE : CircuitBreakerResult.SUCCESS);
            throw failure;
        }
        breaker.onSuccess(permit, started);
        record(CircuitBreakerResult.SUCCESS);
        return result;
    }

    private void record(CircuitBreakerResult result) {
        if (metrics != null) {
            metrics.circuitBreakerCall(result);
        }
    }
}
