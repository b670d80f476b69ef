package dev.breakwater.quarkus;

import dev.breakwater.cdi.FaultToleranceBinding;
import dev.breakwater.cdi.PipelineTable;
import dev.breakwater.core.Pipeline;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The one interceptor behind every fault-tolerance annotation on Quarkus. Its priority is set at build time from
 * {@code mp.fault.tolerance.interceptor.priority}.
 */
@Interceptor
@FaultToleranceBinding
public class BreakwaterInterceptor {

    private final GuardedPipelines pipelines;
    private final Class<?> beanClass;
    // Resolved on the first call rather than here: a bean may be created before the pipelines are assembled.
    private PipelineTable table;

    /**
     * @param pipelines the pipelines of the application
     * @param bean the bean this interceptor instance serves
     */
    @Inject
    public BreakwaterInterceptor(GuardedPipelines pipelines, @Intercepted Bean<?> bean) {
        this.pipelines = pipelines;
        this.beanClass = bean.getBeanClass();
    }

    /**
     * Runs the call through its pipeline, or straight through when no policy is in effect on the method.
     *
     * @param context the intercepted call
     * @return the call's result
     * @throws Exception what the call or a policy threw
     */
    @AroundInvoke
    public Object intercept(InvocationContext context) throws Exception {
        PipelineTable current = table;
        if (current == null) {
            // PipelineTable is immutable with final fields, so a racing second lookup is harmless.
            current = pipelines.table(beanClass);
            table = current;
        }
        Pipeline<InvocationContext> pipeline = current.get(context.getMethod());
        if (pipeline == null) {
            return context.proceed();
        }
        if (context.getMethod().getReturnType() == pipelines.adaptedType()) {
            return UniAdapter.call(pipeline, context);
        }
        return pipeline.call(context);
    }
}
