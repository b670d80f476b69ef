package dev.breakwater.quarkus.deployment;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.jandex.DotName;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

/** The spec's six annotations, as classes and as Jandex names. */
final class FaultToleranceNames {

    static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(Asynchronous.class, Bulkhead.class,
            CircuitBreaker.class, Fallback.class, Retry.class, Timeout.class);

    static final Map<DotName, Class<? extends Annotation>> BY_NAME = Map.of(
            DotName.createSimple(Asynchronous.class), Asynchronous.class,
            DotName.createSimple(Bulkhead.class), Bulkhead.class,
            DotName.createSimple(CircuitBreaker.class), CircuitBreaker.class,
            DotName.createSimple(Fallback.class), Fallback.class,
            DotName.createSimple(Retry.class), Retry.class,
            DotName.createSimple(Timeout.class), Timeout.class);

    private FaultToleranceNames() {
    }
}
