package dev.breakwater.core;

/**
 * A call whose last attempt returned a result the guard's retry retries ({@link RetryBuilder#retryOnResult}) when
 * no retry was left. A call whose last attempt failed fails with that failure instead.
 */
public final class RetriesExhausted extends Refusal {

    private static final long serialVersionUID = 1L;

    private final boolean maxDurationReached;

    RetriesExhausted(String operation, boolean maxDurationReached) {
        super(operation);
        this.maxDurationReached = maxDurationReached;
    }

    /** @return whether the retries ran out of time rather than out of number */
    public boolean maxDurationReached() {
        return maxDurationReached;
    }

    @Override
    public String getMessage() {
        return operation()
                + " reached its "
                + (maxDurationReached ? "maximum retry duration" : "maximum retries")
                + " on a result that is retried";
    }
}
