package dev.breakwater.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a circuit breaker has seen since it was created or its counters were last cleared: calls that succeeded,
 * failed and were refused, and how often it opened. Adders rather than atomics because every caller of a busy
 * breaker counts, and adders do not make those callers contend for one memory location.
 *
 * <p>The four counts are read one after the other, so while calls are running they are not one consistent
 * snapshot; each count on its own is exact once the calls it counts have finished.
 */
public final class CircuitBreakerCounters {

    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder opened = new LongAdder();

    /** @return calls admitted whose outcome counted as a success (failures the policy ignores included) */
    public long succeeded() {
        return succeeded.sum();
    }

    /** @return calls admitted whose failure counted against the breaker */
    public long failed() {
        return failed.sum();
    }

    /** @return calls refused because the breaker was open or its half-open trials were taken */
    public long rejected() {
        return rejected.sum();
    }

    /** @return how often the breaker went from another state to open */
    public long opened() {
        return opened.sum();
    }

    void recordSuccess() {
        succeeded.increment();
    }

    void recordFailure() {
        failed.increment();
    }

    void recordRejection() {
        rejected.increment();
    }

    void recordOpening() {
        opened.increment();
    }

    /** Sets every count back to zero; calls counted concurrently with the clearing may or may not survive it. */
    void clear() {
        succeeded.reset();
        failed.reset();
        rejected.reset();
        opened.reset();
    }
}
