package dev.breakwater.cdi;

import dev.breakwater.core.Pipeline;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;
import java.util.Map;

/** The pipelines of one bean class, by method. Immutable once built. */
final class PipelineTable {

    static final PipelineTable EMPTY = new PipelineTable(Map.of());

    private final Map<Method, Pipeline<InvocationContext>> byMethod;

    PipelineTable(Map<Method, Pipeline<InvocationContext>> byMethod) {
        this.byMethod = Map.copyOf(byMethod);
    }

    /** @return the method's pipeline, or {@code null} when no policy is in effect on it */
    Pipeline<InvocationContext> get(Method method) {
        return byMethod.get(method);
    }
}
