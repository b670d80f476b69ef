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
    // A record has only final fields, so another thread sees it whole, and a racing second resolution is harmless.
    private Resolved resolved;

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
        Resolved current = resolved;
        if (current == null) {
            current = new Resolved(pipelines.table(beanClass), pipelines.adaptedType());
            resolved = current;
        }
        Pipeline<InvocationContext> pipeline = current.table().get(context.getMethod());
        if (pipeline == null) {
            return context.proceed();
        }
        if (context.getMethod().getReturnType() == current.adaptedType()) {
            return UniAdapter.call(pipeline, context);
        }
        return pipeline.call(context);
    }

    /**
     * @param table the pipelines of the bean class
     * @param adaptedType the return type guarded like {@code CompletionStage} and adapted back ({@code Uni}), or null
     */
    private record Resolved(PipelineTable table, Class<?> adaptedType) {
    }
}
