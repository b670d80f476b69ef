package dev.breakwater.core;

/**
 * A synchronous bulkhead: a counter of free places, taken without a lock and never waited for.
 *
 * <p>Every caller writes the counter twice (take, give back), and it has to be one word: an exact limit needs one
 * place where "no place is free" is decided (places split among stripes can be refused while another stripe has
 * one). What the counter does not share is its cache line ({@link PaddedLong}): two callers contend for the count
 * itself, never for their neighbours' fields as well.
 */
final class SemaphoreBulkhead implements BulkheadGauges, SyncAdmission {

    private final int capacity;
    private final PaddedLong free;

    /** @param policy how many calls may run at once */
    SemaphoreBulkhead(BulkheadPolicy policy) {
        this.capacity = policy.maxConcurrent();
        this.free = new PaddedLong(capacity);
    }

    /** @return whether a place was taken; the caller must {@link #release()} it */
    @Override
    public boolean tryAcquire() {
        while (true) {
            long current = free.get();
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
        free.addAndGet(1);
    }

    @Override
    public int running() {
        return (int) (capacity - free.get());
    }

    /** @return 0: a synchronous bulkhead has no queue */
    @Override
    public int waiting() {
        return 0;
    }
}
