package dev.breakwater.core;

/**
 * Refuses a call when the bulkhead's places and queue are all taken; otherwise waits on the caller's thread for a
 * place, in arrival order, and holds it for the call's duration.
 */
final class SyncWaitingBulkhead<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final WaitingBulkhead bulkhead;
    private final Rejections rejections;
    private final String name;
    private final OperationMetrics metrics;
    private final Ticker ticker;

    SyncWaitingBulkhead(
            SyncStage<C> next,
            WaitingBulkhead bulkhead,
            Rejections rejections,
            String name,
            OperationMetrics metrics,
            Ticker ticker) {
        this.next = next;
        this.bulkhead = bulkhead;
        this.rejections = rejections;
        this.name = name;
        this.metrics = metrics;
        this.ticker = ticker;
    }

    @Override
    Object call(C context) throws Exception {
        if (!bulkhead.admit()) {
            if (metrics != null) {
                metrics.bulkheadCall(false);
            }
            throw rejections.bulkheadFull(name);
        }
        if (metrics == null) {
            bulkhead.enter();
            try {
                return next.call(context);
            } finally {
                bulkhead.leave();
            }
        }
        metrics.bulkheadCall(true);
        long arrived = ticker.nanoTime();
        bulkhead.enter();
        long start = ticker.nanoTime();
        metrics.bulkheadWaited(start - arrived);
        try {
            return next.call(context);
        } finally {
            bulkhead.leave();
            metrics.bulkheadRan(ticker.nanoTime() - start);
        }
    }
}
