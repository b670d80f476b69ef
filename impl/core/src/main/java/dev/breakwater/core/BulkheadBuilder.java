package dev.breakwater.core;

import java.util.Map;

/**
 * Builds a {@link Bulkhead} for the typed API, with the defaults of the spec's {@code @Bulkhead}. Get one from
 * {@link Bulkhead#builder()}.
 */
public final class BulkheadBuilder {

    private int limit = 10;
    private int queueSize = 10;

    BulkheadBuilder() {}

    /** @param calls calls allowed to run at the same time; default 10 */
    public BulkheadBuilder limit(int calls) {
        this.limit = calls;
        return this;
    }

    /** @param calls asynchronous calls allowed to wait for a place; default 10. Synchronous calls never wait. */
    public BulkheadBuilder queueSize(int calls) {
        this.queueSize = calls;
        return this;
    }

    /**
     * @return a new, empty bulkhead
     * @throws IllegalArgumentException naming every invalid option and what it allows
     */
    public Bulkhead build() {
        BuilderErrors errors = new BuilderErrors("bulkhead");
        errors.report(
                BulkheadPolicy.violations(limit, queueSize),
                Map.of(
                        "value", BuilderErrors.written("limit", limit),
                        "waitingTaskQueue", BuilderErrors.written("queueSize", queueSize)));
        errors.throwIfAny();
        return new Bulkhead(new BulkheadPolicy(limit, queueSize));
    }
}
