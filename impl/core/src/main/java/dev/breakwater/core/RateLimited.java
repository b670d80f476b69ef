package dev.breakwater.core;

import java.time.Duration;

/** A call refused because the guard's rate limiter had no permit left. */
public final class RateLimited extends Refusal {

    private static final long serialVersionUID = 1L;

    private final long retryAfterMillis;

    RateLimited(String operation, long retryAfterMillis) {
        super(operation);
        this.retryAfterMillis = retryAfterMillis;
    }

    /** @return how long the caller should wait before a permit may be available; another caller may take it first */
    public Duration retryAfter() {
        return Duration.ofMillis(retryAfterMillis);
    }

    @Override
    public String getMessage() {
        return "rate limit exceeded for "
                + operation()
                + "; retry after "
                + retryAfterMillis
                + " ms";
    }
}
