package dev.breakwater.core;

import java.time.Duration;

/**
 * A call abandoned because an attempt outlived the guard's timeout. A synchronous attempt's thread was
 * interrupted; an offloaded one's worker was; a non-blocking one was left to finish unobserved.
 */
public final class TimedOut extends Refusal {

    private static final long serialVersionUID = 1L;

    private final long timeoutMillis;

    TimedOut(String operation, long timeoutMillis) {
        super(operation);
        this.timeoutMillis = timeoutMillis;
    }

    /** @return the timeout that expired */
    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    @Override
    public String getMessage() {
        return operation() + " timed out after " + timeoutMillis + " ms";
    }
}
