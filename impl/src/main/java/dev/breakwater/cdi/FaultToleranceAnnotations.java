package dev.breakwater.cdi;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/** The annotations that bind Breakwater's interceptor: the spec's six, and SmallRye's when its API is present. */
final class FaultToleranceAnnotations {

    static final List<Class<? extends Annotation>> ALL = all();

    private static List<Class<? extends Annotation>> all() {
        List<Class<? extends Annotation>> all = new ArrayList<>(List.of(Asynchronous.class, Bulkhead.class,
                CircuitBreaker.class, Fallback.class, Retry.class, Timeout.class));
        if (SmallRyeApi.PRESENT) {
            all.addAll(RateLimitReading.BINDINGS);
        }
        return List.copyOf(all);
    }

    private FaultToleranceAnnotations() {
    }
}
