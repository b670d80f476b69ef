package dev.breakwater.core;

/** Refuses a call when the bulkhead has no free place; otherwise holds a place for the call's duration. */
final class SyncBulkhead<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final SemaphoreBulkhead bulkhead;
    private final Rejections rejections;
    private final String name;

    SyncBulkhead(SyncStage<C> next, SemaphoreBulkhead bulkhead, Rejections rejections, String name) {
        this.next = next;
        this.bulkhead = bulkhead;
        this.rejections = rejections;
        this.name = name;
    }

    @Override
    Object call(C context) throws Exception {
        if (!bulkhead.tryAcquire()) {
            throw rejections.bulkheadFull(name);
        }
        try {
            return next.call(context);
        } finally {
            bulkhead.release();
        }
    }
}
