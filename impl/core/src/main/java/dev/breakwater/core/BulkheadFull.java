package dev.breakwater.core;

/** A call refused because the guard's bulkhead had no free place (and, for asynchronous calls, a full queue). */
public final class BulkheadFull extends Refusal {

    private static final long serialVersionUID = 1L;

    BulkheadFull(String operation) {
        super(operation);
    }

    @Override
    public String getMessage() {
        return "bulkhead is full for " + operation();
    }
}
