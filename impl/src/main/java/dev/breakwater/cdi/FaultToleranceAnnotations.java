package dev.breakwater.cdi;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.lang.annotation.Annotation;
import java.util.List;

/** The six annotations of the spec. */
final class FaultToleranceAnnotations {

    static final List<Class<? extends Annotation>> ALL = List.of(Asynchronous.class, Bulkhead.class,
            CircuitBreaker.class, Fallback.class, Retry.class, Timeout.class);

    private FaultToleranceAnnotations() {
    }
}
