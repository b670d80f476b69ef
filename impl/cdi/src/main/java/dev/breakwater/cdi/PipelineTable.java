package dev.breakwater.cdi;

import dev.breakwater.core.Pipeline;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/**
 * The pipelines of one bean class, by method, and the one dispatch of an intercepted call through them
 * ({@link #call}), which the interceptors of both containers run.
 *
 * <p>Looked up on every guarded call, so the lookup is by identity first: a container hands the same
 * {@code Method} object on every call of a method, and comparing references is cheaper than
 * {@code Method.hashCode()} and {@code Method.equals()} (which compares names and parameter types). The
 * {@code Method} objects a container uses are learnt on their first call and kept in a small copy-on-write array;
 * the table built at deployment answers the first call of each. The table of an instance whose class was not seen
 * at deployment answers it from the call instead ({@link LatePipelines}).
 */
public final class PipelineTable {

    /** The table of a bean class with no guarded method. */
    public static final PipelineTable EMPTY =
            new PipelineTable(Map.of(), CompletionStageAdapter.NONE);

    /**
     * Bounds the learnt objects, in case a container hands a new {@code Method} object per call: then every call
     * takes the {@code equals} path, but memory stays bounded.
     */
    private static final int MAX_LEARNT_PER_METHOD = 4;

    private final Map<Method, Pipeline<InvocationContext>> byMethod;
    private final Resolver resolver;
    private final CompletionStageAdapter adapter;
    private final int maxLearnt;

    /**
     * Null until the first method is learnt, not an empty array: a table made for one intercepted instance is
     * published through a plain field, where a reader may see a volatile field at its default value.
     */
    private volatile Entry[] learnt;

    /** @param adapter the adapter the pipelines were assembled with */
    PipelineTable(
            Map<Method, Pipeline<InvocationContext>> byMethod, CompletionStageAdapter adapter) {
        this.byMethod = Map.copyOf(byMethod);
        this.resolver = null;
        this.adapter = adapter;
        this.maxLearnt = Math.max(1, this.byMethod.size()) * MAX_LEARNT_PER_METHOD;
    }

    /**
     * @param resolver finds the pipeline of each method on its first call
     * @param methods how many methods the instance has that can be intercepted, which bounds the learnt objects
     * @param adapter the adapter the resolver's pipelines are assembled with
     */
    PipelineTable(Resolver resolver, int methods, CompletionStageAdapter adapter) {
        this.byMethod = Map.of();
        this.resolver = resolver;
        this.adapter = adapter;
        this.maxLearnt = Math.max(1, methods) * MAX_LEARNT_PER_METHOD;
    }

    /**
     * Runs an intercepted call: straight through when no policy is in effect on its method; through the method's
     * pipeline otherwise, handing the caller the outcome as the method returns it. A synchronous pipeline's result
     * is that (also for an adapted method that the spec's mode guards synchronously); an asynchronous pipeline's
     * stage goes back through the adapter, which turns it into a {@code Uni} or a suspended caller where the method
     * needs one. The synchronous path allocates nothing and takes no lock once the method is learnt.
     *
     * @param context the intercepted call
     * @return what the method returns to its caller
     * @throws Exception what the call or a policy threw
     */
    public Object call(InvocationContext context) throws Exception {
        Pipeline<InvocationContext> pipeline = get(context);
        if (pipeline == null) {
            return context.proceed();
        }
        return pipeline.asynchronous()
                ? adapter.fromCompletionStage(pipeline, context)
                : pipeline.call(context);
    }

    /**
     * @param context the intercepted call
     * @return the pipeline of the call's method, or {@code null} when no policy is in effect on it
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException when the
     *         method's definition, assembled on its first call, is invalid
     */
    Pipeline<InvocationContext> get(InvocationContext context) {
        Method method = context.getMethod();
        Entry[] known = learnt;
        if (known != null) {
            for (Entry entry : known) {
                if (entry.method == method) {
                    return entry.pipeline;
                }
            }
        }
        Pipeline<InvocationContext> pipeline =
                resolver == null ? byMethod.get(method) : resolver.find(context);
        learn(method, pipeline);
        return pipeline;
    }

    private synchronized void learn(Method method, Pipeline<InvocationContext> pipeline) {
        Entry[] known = learnt == null ? new Entry[0] : learnt;
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

    private record Entry(Method method, Pipeline<InvocationContext> pipeline) {}

    /** Finds the pipeline of a call's method when the table was not built with it. */
    @FunctionalInterface
    interface Resolver {
        Pipeline<InvocationContext> find(InvocationContext context);
    }

    Map<Method, Pipeline<InvocationContext>> byMethod() {
        return byMethod;
    }
}
