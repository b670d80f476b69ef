package dev.breakwater.cdi;

import dev.breakwater.core.Rejections;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The exception types the spec prescribes for refused and timed-out calls, with a message naming the guarded
 * method.
 *
 * <p>By default ({@link #SPEC}) a refusal is exactly the spec's class: applications compare classes, print
 * {@code getClass().getSimpleName()} and match class names in alerts. {@link #STACKLESS}, switched on with
 * {@code breakwater.refusals.stackless=true}, refuses with subclasses of the spec's types that record no stack
 * trace and build their message only when it is read: the spec's classes always fill in the caller's stack, which
 * is most of a refused call's time and bytes. A timeout is always the spec's own class: a timed-out call has
 * waited its timeout anyway.
 */
final class MicroProfileRejections implements Rejections {

    static final MicroProfileRejections SPEC = new MicroProfileRejections(false);
    static final MicroProfileRejections STACKLESS = new MicroProfileRejections(true);

    private final boolean stackless;

    private MicroProfileRejections(boolean stackless) {
        this.stackless = stackless;
    }

    /** @param stackless whether refusals are the stackless subclasses */
    static MicroProfileRejections of(boolean stackless) {
        return stackless ? STACKLESS : SPEC;
    }

    @Override
    public RuntimeException circuitBreakerOpen(String name) {
        return stackless
                ? new OpenCircuit(name)
                : new CircuitBreakerOpenException(OpenCircuit.message(name));
    }

    @Override
    public RuntimeException bulkheadFull(String name) {
        return stackless
                ? new FullBulkhead(name)
                : new BulkheadException(FullBulkhead.message(name));
    }

    @Override
    public RuntimeException timedOut(String name, long timeoutMillis) {
        return new TimeoutException(name + " timed out after " + timeoutMillis + " ms");
    }

    /**
     * A rate limit exists only through SmallRye's {@code @RateLimit}, so its refusal is exactly SmallRye's
     * {@code RateLimitException}; without the API no call reaches here.
     */
    @Override
    public RuntimeException rateLimited(String name, long retryAfterMillis) {
        return SmallRyeApi.PRESENT
                ? SmallRyeRejections.rateLimited(name, retryAfterMillis)
                : Rejections.super.rateLimited(name, retryAfterMillis);
    }

    /** SmallRye's exception for this case: a {@code FaultToleranceException} that names the method. */
    @Override
    public RuntimeException retriesExhausted(String name, boolean maxDurationReached) {
        return new FaultToleranceException(
                name
                        + " reached its "
                        + (maxDurationReached ? "maximum retry duration" : "maximum retries")
                        + " on a result that is retried");
    }

    private static final class OpenCircuit extends CircuitBreakerOpenException {
        private static final long serialVersionUID = 1L;
        private final String operation;

        OpenCircuit(String operation) {
            this.operation = operation;
        }

        static String message(String operation) {
            return "circuit breaker is open for " + operation;
        }

        @Override
        public String getMessage() {
            return message(operation);
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final class FullBulkhead extends BulkheadException {
        private static final long serialVersionUID = 1L;
        private final String operation;

        FullBulkhead(String operation) {
            this.operation = operation;
        }

        static String message(String operation) {
            return "bulkhead is full for " + operation;
        }

        @Override
        public String getMessage() {
            return message(operation);
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }
}
