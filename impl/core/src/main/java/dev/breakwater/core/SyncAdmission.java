package dev.breakwater.core;

/** A bulkhead as a synchronous call sees it: a place taken at once or refused, and given back after the call. */
interface SyncAdmission {

    /** @return whether a place was taken; the caller must {@link #release()} it */
    boolean tryAcquire();

    /** Gives a place back. */
    void release();
}
