package dev.breakwater.core;

/** Read-only occupancy of a bulkhead, for metrics and health checks. */
public interface BulkheadGauges {

    /** @return attempts holding a place now */
    int running();

    /** @return attempts waiting for a place now; always 0 for a synchronous bulkhead that does not queue */
    int waiting();
}
