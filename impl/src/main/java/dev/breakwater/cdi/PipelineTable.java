package dev.breakwater.cdi;

import dev.breakwater.core.Pipeline;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;
import java.util.Map;

/** The pipelines of one bean class, by method. Immutable once built; interceptors keep it for their bean. */
public final class PipelineTable {

    /** The table of a bean class with no guarded method. */
    public static final PipelineTable EMPTY = new PipelineTable(Map.of());

    private final Map<Method, Pipeline<InvocationContext>> byMethod;

    PipelineTable(Map<Method, Pipeline<InvocationContext>> byMethod) {
        this.byMethod = Map.copyOf(byMethod);
    }

    /**
     * @param method the intercepted method, as the interceptor's invocation context names it
     * @return the method's pipeline, or {@code null} when no policy is in effect on it
     */
    public Pipeline<InvocationContext> get(Method method) {
        return byMethod.get(method);
    }

    Map<Method, Pipeline<InvocationContext>> byMethod() {
        return byMethod;
    }
}
