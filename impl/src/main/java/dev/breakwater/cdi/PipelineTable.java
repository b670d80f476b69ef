package dev.breakwater.cdi;

import dev.breakwater.core.Pipeline;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/**
 * The pipelines of one bean class, by method.
 *
 * <p>Looked up on every guarded call, so the lookup is by identity first: a container hands the same
 * {@code Method} object on every call of a method, and comparing references is cheaper than
 * {@code Method.hashCode()} and {@code Method.equals()} (which compares names and parameter types). The
 * {@code Method} objects a container uses are learnt on their first call and kept in a small copy-on-write array;
 * the table built at deployment answers the first call of each.
 */
public final class PipelineTable {

    /** The table of a bean class with no guarded method. */
    public static final PipelineTable EMPTY = new PipelineTable(Map.of());

    /**
     * Bounds the learnt objects, in case a container hands a new {@code Method} object per call: then every call
     * takes the {@code equals} path, but memory stays bounded.
     */
    private static final int MAX_LEARNT_PER_METHOD = 4;

    private final Map<Method, Pipeline<InvocationContext>> byMethod;
    private final int maxLearnt;
    private volatile Entry[] learnt = new Entry[0];

    PipelineTable(Map<Method, Pipeline<InvocationContext>> byMethod) {
        this.byMethod = Map.copyOf(byMethod);
        this.maxLearnt = Math.max(1, this.byMethod.size()) * MAX_LEARNT_PER_METHOD;
    }

    /**
     * @param method the intercepted method, as the interceptor's invocation context names it
     * @return the method's pipeline, or {@code null} when no policy is in effect on it
     */
    public Pipeline<InvocationContext> get(Method method) {
        Entry[] known = learnt;
        for (Entry entry : known) {
            if (entry.method == method) {
                return entry.pipeline;
            }
        }
        Pipeline<InvocationContext> pipeline = byMethod.get(method);
        learn(method, pipeline);
        return pipeline;
    }

    private synchronized void learn(Method method, Pipeline<InvocationContext> pipeline) {
        Entry[] known = learnt;
        if (known.length >= maxLearnt) {
            return;
        }
        for (Entry entry : known) {
            if (entry.method == method) {
                return;
            }
        }
        Entry[] grown = Arrays.copyOf(known, known.length + 1);
        grown[known.length] = new Entry(method, pipeline);
        learnt = grown;
    }

    private record Entry(Method method, Pipeline<InvocationContext> pipeline) {
    }

    Map<Method, Pipeline<InvocationContext>> byMethod() {
        return byMethod;
    }
}
