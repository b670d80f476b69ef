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

/**
 * The fault-tolerance annotations Breakwater reads: the spec's six, and SmallRye's when its API is present. Those
 * that bind the interceptor are {@link #BINDINGS}; the backoffs, {@code @RetryWhen} and {@code @BeforeRetry} only
 * modify a {@code @Retry}.
 */
final class FaultToleranceAnnotations {

    /** The annotations that bind Breakwater's interceptor. */
    static final List<Class<? extends Annotation>> BINDINGS = bindings();
    /** Every annotation read on a guarded method: the bindings and the modifiers of {@code @Retry}. */
    static final List<Class<? extends Annotation>> ALL = all();

    private static List<Class<? extends Annotation>> bindings() {
        List<Class<? extends Annotation>> bindings = new ArrayList<>(List.of(Asynchronous.class, Bulkhead.class,
                CircuitBreaker.class, Fallback.class, Retry.class, Timeout.class));
        if (SmallRyeApi.PRESENT) {
            bindings.addAll(RateLimitReading.BINDINGS);
        }
        return List.copyOf(bindings);
    }

    private static List<Class<? extends Annotation>> all() {
        List<Class<? extends Annotation>> all = new ArrayList<>(BINDINGS);
        if (SmallRyeApi.PRESENT) {
            all.addAll(BackoffReading.ANNOTATIONS);
            all.add(RetryWhenReading.annotationType());
            all.add(BeforeRetryReading.annotationType());
        }
        return List.copyOf(all);
    }

    private FaultToleranceAnnotations() {
    }
}
