package dev.breakwater.cdi;

import dev.breakwater.core.Pipeline;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The one interceptor behind every fault-tolerance annotation. It runs the pipeline built at deployment for the
 * intercepted (bean class, method); its priority comes from {@code mp.fault.tolerance.interceptor.priority}.
 */
@Interceptor
@FaultToleranceBinding
public class FaultToleranceInterceptor {

    private final PipelineTable pipelines;

    /**
     * @param extension holds the pipelines built at deployment
     * @param bean the bean this interceptor instance serves
     */
    @Inject
    public FaultToleranceInterceptor(FaultToleranceExtension extension, @Intercepted Bean<?> bean) {
        this.pipelines = extension.pipelines(bean.getBeanClass());
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
        Pipeline<InvocationContext> pipeline = pipelines.get(context.getMethod());
        return pipeline == null ? context.proceed() : pipeline.call(context);
    }
}
