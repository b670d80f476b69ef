package dev.breakwater.cdi;

import dev.breakwater.core.Rejections;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The exception types the spec prescribes for refused and timed-out calls.
 *
 * <p>Refusals are subclasses of the spec's types that record no stack trace and build their message only when
 * it is read. A refusal is the policy's decision, not a fault at the place it is thrown, and the message names the
 * guarded method; walking the stack of a deep container call, on the other hand, cost most of a refused call's
 * time and bytes. Callers catch, match ({@code applyOn}, {@code skipOn}, {@code retryOn}) and count these
 * exceptions by the spec's types, which they still are.
 */
final class MicroProfileRejections implements Rejections {

    static final MicroProfileRejections INSTANCE = new MicroProfileRejections();

    private MicroProfileRejections() {
    }

    @Override
    public RuntimeException circuitBreakerOpen(String name) {
        return new OpenCircuit(name);
    }

    @Override
    public RuntimeException bulkheadFull(String name) {
        return new FullBulkhead(name);
    }

    @Override
    public RuntimeException timedOut(String name, long timeoutMillis) {
        // The spec's own type, with a stack trace: the TCK asserts the exact class of a timeout, and a timed-out
        // call has waited its timeout anyway.
        return new TimeoutException(name + " timed out after " + timeoutMillis + " ms");
    }

    private static final class OpenCircuit extends CircuitBreakerOpenException {
        private static final long serialVersionUID = 1L;
        private final String operation;

        OpenCircuit(String operation) {
            this.operation = operation;
        }

        @Override
        public String getMessage() {
            return "circuit breaker is open for " + operation;
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

        @Override
        public String getMessage() {
            return "bulkhead is full for " + operation;
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }
}
