package dev.breakwater.core;

import java.util.List;

/**
 * How many calls may run at once, and for asynchronous calls how many more may wait.
 *
 * @param maxConcurrent calls allowed to run at the same time
 * @param waitingTaskQueue asynchronous calls allowed to wait for a place
 */
public record BulkheadPolicy(int maxConcurrent, int waitingTaskQueue) {

    /** Validates the definition; see {@link #violations(int, int)}. */
    public BulkheadPolicy {
        Violations.throwIfAny("bulkhead policy", violations(maxConcurrent, waitingTaskQueue));
    }

    /**
     * @param maxConcurrent calls allowed to run at the same time
     * @param waitingTaskQueue asynchronous calls allowed to wait
     * @return what is wrong with the definition, empty when it is valid
     */
    public static List<Violation> violations(int maxConcurrent, int waitingTaskQueue) {
        return new Violations()
                .require(maxConcurrent >= 1, "value", maxConcurrent, "1 or more")
                .require(waitingTaskQueue >= 1, "waitingTaskQueue", waitingTaskQueue, "1 or more")
                .list();
    }
}
