package dev.breakwater.cdi;

import jakarta.interceptor.InvocationContext;

/**
 * The one interceptor behind every fault-tolerance annotation: one instance per intercepted bean instance, created
 * by {@link FaultToleranceInterceptorBean}. It runs the pipeline built at deployment for the intercepted
 * (bean class, method), or, for an instance of a class not seen then, the one assembled on its first call.
 */
public final class FaultToleranceInterceptor {

    private final FaultToleranceExtension extension;

    /**
     * The pipelines of the intercepted bean's class, found on the first call: an interceptor bean is not told
     * which bean it serves, but the call's target is an instance of it. A plain field, because two threads that
     * race on the first call find tables that answer alike.
     */
    private PipelineTable pipelines;

    FaultToleranceInterceptor(FaultToleranceExtension extension) {
        this.extension = extension;
    }

    /**
     * Runs the call through its pipeline, or straight through when no policy is in effect on the method, by the
     * dispatch Quarkus's interceptor runs too ({@link PipelineTable#call}).
     *
     * @param context the intercepted call
     * @return the call's result
     * @throws Exception what the call or a policy threw
     */
    public Object intercept(InvocationContext context) throws Exception {
        PipelineTable table = pipelines;
        if (table == null) {
            table = extension.pipelinesOfTarget(context.getTarget().getClass());
            pipelines = table;
        }
        return table.call(context);
    }
}
