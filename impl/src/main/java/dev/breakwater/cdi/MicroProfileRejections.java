package dev.breakwater.cdi;

import dev.breakwater.core.Rejections;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** The exception types the spec prescribes for refused and timed-out calls. */
final class MicroProfileRejections implements Rejections {

    static final MicroProfileRejections INSTANCE = new MicroProfileRejections();

    private MicroProfileRejections() {
    }

    @Override
    public RuntimeException circuitBreakerOpen(String name) {
        return new CircuitBreakerOpenException("circuit breaker is open for " + name);
    }

    @Override
    public RuntimeException bulkheadFull(String name) {
        return new BulkheadException("bulkhead is full for " + name);
    }

    @Override
    public RuntimeException timedOut(String name, long timeoutMillis) {
        return new TimeoutException(name + " timed out after " + timeoutMillis + " ms");
    }
}
