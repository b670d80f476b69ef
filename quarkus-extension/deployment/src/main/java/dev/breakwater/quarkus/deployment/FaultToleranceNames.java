package dev.breakwater.quarkus.deployment;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.FibonacciBackoff;
import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RetryWhen;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.jandex.DotName;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault-tolerance annotations Breakwater reads, as classes and as Jandex names: the spec's six and SmallRye's
 * {@code @RateLimit} and {@code @AsynchronousNonBlocking}, which bind the interceptor, SmallRye's backoffs,
 * {@code @RetryWhen} and {@code @BeforeRetry}, which only modify a {@code @Retry}, and smallrye-common's
 * {@code @Blocking} and {@code @NonBlocking}, which only say where a guarded asynchronous method runs.
 */
final class FaultToleranceNames {

    /** The annotations that bind the interceptor. */
    static final List<Class<? extends Annotation>> BINDINGS = List.of(Asynchronous.class, Bulkhead.class,
            CircuitBreaker.class, Fallback.class, Retry.class, Timeout.class, RateLimit.class,
            AsynchronousNonBlocking.class);

    /**
     * Every annotation read on a guarded method, by name: the bindings, the modifiers of
     * {@code @Retry} and the thread hints.
     */
    static final Map<DotName, Class<? extends Annotation>> BY_NAME = byName(BINDINGS, List.of(
            ExponentialBackoff.class, FibonacciBackoff.class, CustomBackoff.class, RetryWhen.class, BeforeRetry.class,
            Blocking.class, NonBlocking.class));

    /** The bindings, by name. */
    static final Map<DotName, Class<? extends Annotation>> BINDINGS_BY_NAME = byName(BINDINGS, List.of());

    /** SmallRye's {@code @ApplyGuard} and its deprecated {@code @ApplyFaultTolerance}, checked at build time. */
    @SuppressWarnings("removal")
    static final List<DotName> APPLIED_GUARDS = List.of(DotName.createSimple(ApplyGuard.class),
            DotName.createSimple(ApplyFaultTolerance.class));

    private static Map<DotName, Class<? extends Annotation>> byName(List<Class<? extends Annotation>> bindings,
                                                                    List<Class<? extends Annotation>> modifiers) {
        Map<DotName, Class<? extends Annotation>> byName = new HashMap<>();
        for (Class<? extends Annotation> annotation : bindings) {
            byName.put(DotName.createSimple(annotation), annotation);
        }
        for (Class<? extends Annotation> annotation : modifiers) {
            byName.put(DotName.createSimple(annotation), annotation);
        }
        return Map.copyOf(byName);
    }

    private FaultToleranceNames() {
    }
}
