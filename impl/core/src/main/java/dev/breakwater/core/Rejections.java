package dev.breakwater.core;

/**
 * Creates the exceptions a pipeline throws when a policy refuses or abandons a call.
 *
 * <p>The engine does not choose the exception types: the CDI layer supplies the MicroProfile ones, a
 * programmatic user may supply their own. Exceptions are created only on the rejecting path. Those of
 * {@link #DEFAULT} record no stack trace and build their message only when it is read: a refusal is the policy's
 * decision, the message names the operation, and walking the caller's stack would cost most of a refused call.
 */
public interface Rejections {

    /** Rejections carrying Breakwater's own exception types, for programmatic use of the engine. */
    Rejections DEFAULT = new Rejections() {
        @Override
        public RuntimeException circuitBreakerOpen(String name) {
            return new CircuitBreakerOpenRejection(name);
        }

        @Override
        public RuntimeException bulkheadFull(String name) {
            return new BulkheadFullRejection(name);
        }

        @Override
        public RuntimeException timedOut(String name, long timeoutMillis) {
            return new TimeoutRejection(name, timeoutMillis);
        }
    };

    /**
     * @param name the guarded operation
     * @return the exception for a call refused by an open circuit breaker
     */
    RuntimeException circuitBreakerOpen(String name);

    /**
     * @param name the guarded operation
     * @return the exception for a call refused by a full bulkhead
     */
    RuntimeException bulkheadFull(String name);

    /**
     * @param name the guarded operation
     * @param timeoutMillis the timeout that expired
     * @return the exception for a call that ran out of time
     */
    RuntimeException timedOut(String name, long timeoutMillis);

    /**
     * @param name the guarded operation
     * @param retryAfterMillis how long the caller should wait before a permit may be available (more than 0)
     * @return the exception for a call refused by a rate limit; by default Breakwater's own
     *         {@link RateLimitRejection}
     */
    default RuntimeException rateLimited(String name, long retryAfterMillis) {
        return new RateLimitRejection(name, retryAfterMillis);
    }

    /**
     * @param name the guarded operation
     * @param maxDurationReached whether the retries ran out of time rather than out of number
     * @return the exception for a call whose last attempt returned a result the retry policy retries
     *         ({@link RetryPolicy#retryOnResult()}) when no retry was left; by default Breakwater's own
     *         {@link RetriesExhaustedRejection}
     */
    default RuntimeException retriesExhausted(String name, boolean maxDurationReached) {
        return new RetriesExhaustedRejection(name, maxDurationReached);
    }

    /** Thrown by the default rejections when a circuit breaker is open. */
    final class CircuitBreakerOpenRejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String operation;

        CircuitBreakerOpenRejection(String operation) {
            super(null, null, true, false);
            this.operation = operation;
        }

        @Override
        public String getMessage() {
            return "circuit breaker is open for " + operation;
        }
    }

    /** Thrown by the default rejections when a bulkhead is full. */
    final class BulkheadFullRejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String operation;

        BulkheadFullRejection(String operation) {
            super(null, null, true, false);
            this.operation = operation;
        }

        @Override
        public String getMessage() {
            return "bulkhead is full for " + operation;
        }
    }

    /** Thrown by the default rejections when a call runs out of time. */
    final class TimeoutRejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String operation;
        private final long timeoutMillis;

        TimeoutRejection(String operation, long timeoutMillis) {
            super(null, null, true, false);
            this.operation = operation;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public String getMessage() {
            return operation + " timed out after " + timeoutMillis + " ms";
        }
    }

    /** Thrown by the default rejections when a rate limit refuses a call. */
    final class RateLimitRejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String operation;
        private final long retryAfterMillis;

        RateLimitRejection(String operation, long retryAfterMillis) {
            super(null, null, true, false);
            this.operation = operation;
            this.retryAfterMillis = retryAfterMillis;
        }

        /** @return how long the caller should wait before a permit may be available */
        public long retryAfterMillis() {
            return retryAfterMillis;
        }

        @Override
        public String getMessage() {
            return "rate limit exceeded for " + operation + "; retry after " + retryAfterMillis + " ms";
        }
    }

    /** Thrown by the default rejections when the retries end on a result the policy retries. */
    final class RetriesExhaustedRejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String operation;
        private final boolean maxDurationReached;

        RetriesExhaustedRejection(String operation, boolean maxDurationReached) {
            super(null, null, true, false);
            this.operation = operation;
            this.maxDurationReached = maxDurationReached;
        }

        @Override
        public String getMessage() {
            return operation + " reached its " + (maxDurationReached ? "maximum retry duration" : "maximum retries")
                    + " on a result that is retried";
        }
    }
}
