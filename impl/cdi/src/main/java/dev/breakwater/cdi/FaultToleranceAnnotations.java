package dev.breakwater.cdi;

import dev.breakwater.api.BreakerPolicy;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The fault-tolerance annotations Breakwater reads: the spec's six, and SmallRye's when its API is present. Those
 * that bind the interceptor are {@link #BINDINGS}; Breakwater's {@code @BreakerPolicy} only modifies a
 * {@code @CircuitBreaker}, the backoffs, {@code @RetryWhen} and {@code @BeforeRetry} only modify a {@code @Retry},
 * and {@link #THREAD_HINTS} only say where a guarded asynchronous method runs. The one list of them: the Quarkus
 * extension names them to its index from here.
 */
public final class FaultToleranceAnnotations {

    /** The annotations that bind Breakwater's interceptor. */
    public static final List<Class<? extends Annotation>> BINDINGS = bindings();

    /**
     * smallrye-common's {@code @Blocking} and {@code @NonBlocking}: read on a guarded method, but they make no method
     * guarded (other frameworks use them on methods without fault tolerance) and have no config keys.
     */
    static final List<Class<? extends Annotation>> THREAD_HINTS = threadHints();

    /** Every annotation read on a guarded method: the bindings, the modifiers of {@code @CircuitBreaker} and
     * {@code @Retry} and the thread hints. */
    public static final List<Class<? extends Annotation>> ALL = all();

    /** The annotations that config keys name: all but the thread hints. */
    static final List<Class<? extends Annotation>> CONFIGURABLE =
            ALL.stream().filter(annotation -> !THREAD_HINTS.contains(annotation)).toList();

    private static List<Class<? extends Annotation>> bindings() {
        List<Class<? extends Annotation>> bindings =
                new ArrayList<>(
                        List.of(
                                Asynchronous.class,
                                Bulkhead.class,
                                CircuitBreaker.class,
                                Fallback.class,
                                Retry.class,
                                Timeout.class));
        if (SmallRyeApi.PRESENT) {
            bindings.addAll(RateLimitReading.BINDINGS);
            bindings.add(SmallRyeApi.ASYNCHRONOUS_NON_BLOCKING);
        }
        return List.copyOf(bindings);
    }

    private static List<Class<? extends Annotation>> threadHints() {
        List<Class<? extends Annotation>> hints = new ArrayList<>();
        if (SmallRyeApi.BLOCKING != null && SmallRyeApi.NON_BLOCKING != null) {
            hints.add(SmallRyeApi.BLOCKING);
            hints.add(SmallRyeApi.NON_BLOCKING);
        }
        return List.copyOf(hints);
    }

    private static List<Class<? extends Annotation>> all() {
        List<Class<? extends Annotation>> all = new ArrayList<>(BINDINGS);
        all.add(BreakerPolicy.class);
        if (SmallRyeApi.PRESENT) {
            all.addAll(BackoffReading.ANNOTATIONS);
            all.add(RetryWhenReading.annotationType());
            all.add(BeforeRetryReading.annotationType());
        }
        all.addAll(THREAD_HINTS);
        return List.copyOf(all);
    }

    /**
     * @param found the annotations in effect on a method, by type
     * @return whether they make it a guarded method: some annotation besides the thread hints
     */
    static boolean guards(Set<Class<? extends Annotation>> found) {
        return !THREAD_HINTS.containsAll(found);
    }

    private FaultToleranceAnnotations() {}
}
