package dev.breakwater.core;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A synchronous bulkhead whose callers may wait for a place: at most {@code value} calls run, at most
 * {@code waitingTaskQueue} more block their threads until a place frees, in the order they came (a fair semaphore),
 * and the rest are refused at once. Meant for callers on virtual threads, where a blocked caller costs little.
 */
final class WaitingBulkhead implements BulkheadGauges {

    private final int maxRunning;
    private final int maxAdmitted;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Semaphore places;

    /** @param policy how many calls may run at once, and how many more may wait */
    WaitingBulkhead(BulkheadPolicy policy) {
        this.maxRunning = policy.maxConcurrent();
        this.maxAdmitted =
                (int)
                        Math.min(
                                Integer.MAX_VALUE,
                                (long) policy.maxConcurrent() + policy.waitingTaskQueue());
        this.places = new Semaphore(maxRunning, true);
    }

    /** @return whether the call may run or wait; the caller must then {@link #enter()} and {@link #leave()} */
    boolean admit() {
        while (true) {
            int current = admitted.get();
            if (current >= maxAdmitted) {
                return false;
            }
            if (admitted.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Waits for a place, behind the callers admitted before.
     *
     * @throws InterruptedException if the caller is interrupted while waiting; it has then left the bulkhead
     */
    void enter() throws InterruptedException {
        try {
            places.acquire();
        } catch (InterruptedException e) {
            admitted.decrementAndGet();
            throw e;
        }
    }

    /** Gives the place back to the oldest waiting caller, if any. */
    void leave() {
        places.release();
        admitted.decrementAndGet();
    }

    @Override
    public int running() {
        return maxRunning - places.availablePermits();
    }

    @Override
    public int waiting() {
        return Math.max(0, admitted.get() - running());
    }
}
