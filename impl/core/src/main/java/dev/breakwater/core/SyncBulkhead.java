package dev.breakwater.core;

/** Refuses a call when the bulkhead has no free place; otherwise holds a place for the call's duration. */
final class SyncBulkhead<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final SyncAdmission bulkhead;
    private final Rejections rejections;
    private final String name;
    private final OperationMetrics metrics;
    private final Ticker ticker;

    SyncBulkhead(
            SyncStage<C> next,
            SyncAdmission bulkhead,
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
        if (!bulkhead.tryAcquire()) {
            if (metrics != null) {
                metrics.bulkheadCall(false);
            }
            throw rejections.bulkheadFull(name);
        }
        if (metrics == null) {
            try {
                return next.call(context);
            } finally {
                bulkhead.release();
            }
        }
        metrics.bulkheadCall(true);
        long start = ticker.nanoTime();
        try {
            return next.call(context);
        } finally {
            bulkhead.release();
            metrics.bulkheadRan(ticker.nanoTime() - start);
        }
    }
}
