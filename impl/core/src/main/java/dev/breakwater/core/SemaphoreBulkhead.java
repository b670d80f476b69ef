package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicInteger;

/** A synchronous bulkhead: a counter of free places, taken without a lock and never waited for. */
final class SemaphoreBulkhead implements BulkheadGauges, SyncAdmission {

    private final int capacity;
    private final AtomicInteger free;

    /** @param policy how many calls may run at once */
    SemaphoreBulkhead(BulkheadPolicy policy) {
        this.capacity = policy.maxConcurrent();
        this.free = new AtomicInteger(capacity);
    }

    /** @return whether a place was taken; the caller must {@link #release()} it */
    @Override
    public boolean tryAcquire() {
        while (true) {
            int current = free.get();
            if (current == 0) {
                return false;
            }
            if (free.compareAndSet(current, current - 1)) {
                return true;
            }
        }
    }

    /** Gives a place back. */
    @Override
    public void release() {
        free.incrementAndGet();
    }

    @Override
    public int running() {
        return capacity - free.get();
    }

    /** @return 0: a synchronous bulkhead has no queue */
    @Override
    public int waiting() {
        return 0;
    }
}
