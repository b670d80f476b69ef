package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.FallbackUse;
import dev.breakwater.core.OperationMetrics.InvocationResult;

/** Counts calls of a pipeline without a fallback; only present when metrics are on. */
final class SyncInvocationMetering<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final OperationMetrics metrics;

    SyncInvocationMetering(SyncStage<C> next, OperationMetrics metrics) {
        this.next = next;
        this.metrics = metrics;
    }

    @Override
    Object call(C context) throws Exception {
        Object result;
        try {
            result = next.call(context);
        } catch (Throwable failure) {
            metrics.invocation(InvocationResult.EXCEPTION_THROWN, FallbackUse.NOT_DEFINED);
            throw failure;
        }
        metrics.invocation(InvocationResult.VALUE_RETURNED, FallbackUse.NOT_DEFINED);
        return result;
    }
}
