package dev.breakwater.core;

/**
 * Why a {@link Guard} or {@link AsyncGuard} did not give its caller the operation's outcome: a policy refused the
 * call or abandoned it. One supertype, so that a caller can tell "the guard said no" from "the operation failed"
 * with one {@code catch}.
 *
 * <p>A refusal is the policy's decision, not a bug: it records no stack trace and builds its message only when
 * the message is read, so that refusing a call stays cheap. The CDI layer does not use these types; it throws the
 * MicroProfile exceptions the spec requires.
 */
public abstract sealed class Refusal extends RuntimeException
        permits CircuitBreakerOpen, BulkheadFull, RateLimited, TimedOut, RetriesExhausted {

    private static final long serialVersionUID = 1L;

    private final String operation;

    Refusal(String operation) {
        super(null, null, true, false);
        this.operation = operation;
    }

    /** @return the name of the guard that refused the call */
    public String operation() {
        return operation;
    }
}
