package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.FallbackUse;
import dev.breakwater.core.OperationMetrics.InvocationResult;

/** Replaces the result of a failed call when the policy applies to the failure. */
final class SyncFallback<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final FallbackPolicy<C> policy;
    private final OperationMetrics metrics;

    SyncFallback(SyncStage<C> next, FallbackPolicy<C> policy, OperationMetrics metrics) {
        this.next = next;
        this.policy = policy;
        this.metrics = metrics;
    }

    @Override
    Object call(C context) throws Exception {
        Object result;
        try {
            result = next.call(context);
        } catch (Throwable failure) {
            if (!policy.applyOn().test(failure)) {
                record(InvocationResult.EXCEPTION_THROWN, FallbackUse.NOT_APPLIED);
                throw failure;
            }
            return fallBack(context, failure);
        }
        record(InvocationResult.VALUE_RETURNED, FallbackUse.NOT_APPLIED);
        return result;
    }

    private Object fallBack(C context, Throwable failure) throws Exception {
        Object replacement;
        try {
            replacement = policy.handler().handle(context, failure);
        } catch (Throwable fallbackFailure) {
            record(InvocationResult.EXCEPTION_THROWN, FallbackUse.APPLIED);
            throw fallbackFailure;
        }
        record(InvocationResult.VALUE_RETURNED, FallbackUse.APPLIED);
        return replacement;
    }

    private void record(InvocationResult result, FallbackUse use) {
        if (metrics != null) {
            metrics.invocation(result, use);
        }
    }
}
