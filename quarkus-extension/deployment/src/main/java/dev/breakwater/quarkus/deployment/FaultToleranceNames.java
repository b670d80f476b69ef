package dev.breakwater.quarkus.deployment;

import dev.breakwater.cdi.FaultToleranceAnnotations;
import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.jandex.DotName;

/**
 * The fault-tolerance annotations Breakwater reads, as Jandex names, from impl's one list
 * ({@link FaultToleranceAnnotations}), and SmallRye's {@code @ApplyGuard}, checked at build time.
 */
final class FaultToleranceNames {

    /** The annotations that bind the interceptor. */
    static final List<Class<? extends Annotation>> BINDINGS = FaultToleranceAnnotations.BINDINGS;

    /** Every annotation read on a guarded method, by name. */
    static final Map<DotName, Class<? extends Annotation>> BY_NAME =
            byName(FaultToleranceAnnotations.ALL);

    /** The bindings, by name. */
    static final Map<DotName, Class<? extends Annotation>> BINDINGS_BY_NAME = byName(BINDINGS);

    /** SmallRye's {@code @ApplyGuard} and its deprecated {@code @ApplyFaultTolerance}, checked at build time. */
    @SuppressWarnings("removal")
    static final List<DotName> APPLIED_GUARDS =
            List.of(
                    DotName.createSimple(ApplyGuard.class),
                    DotName.createSimple(ApplyFaultTolerance.class));

    private static Map<DotName, Class<? extends Annotation>> byName(
            List<Class<? extends Annotation>> annotations) {
        Map<DotName, Class<? extends Annotation>> byName = new HashMap<>();
        for (Class<? extends Annotation> annotation : annotations) {
            byName.put(DotName.createSimple(annotation), annotation);
        }
        return Map.copyOf(byName);
    }

    private FaultToleranceNames() {}
}
