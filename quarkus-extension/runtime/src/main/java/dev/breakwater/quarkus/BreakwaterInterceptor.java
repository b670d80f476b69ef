package dev.breakwater.quarkus;

import dev.breakwater.cdi.FaultToleranceBinding;
import dev.breakwater.cdi.PipelineTable;
import dev.breakwater.core.Pipeline;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InterceptionProxySubclass;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The one interceptor behind every fault-tolerance annotation on Quarkus. Its priority is set at build time from
 * {@code mp.fault.tolerance.interceptor.priority}. It serves a class bean with the pipelines of its bean class, and
 * an instance that a producer wraps with {@code InterceptionProxy} with the pipelines of the wrapped instance's
 * class, assembled on its first call unless the build found the class.
 */
@Interceptor
@FaultToleranceBinding
public class BreakwaterInterceptor {

    private final GuardedPipelines pipelines;
    /** The bean class of a class bean; {@code null} for an instance wrapped by {@code InterceptionProxy}. */
    private final Class<?> beanClass;
    // Resolved on the first call rather than here: a bean may be created before the pipelines are assembled.
    // A record has only final fields, so another thread sees it whole, and a racing second resolution is harmless.
    private Resolved resolved;

    /**
     * @param pipelines the pipelines of the application
     * @param bean the bean this interceptor instance serves; ArC injects {@code null} for an instance wrapped by
     *             {@code InterceptionProxy}, and a producer's bean class is not the class of what it produces
     */
    @Inject
    public BreakwaterInterceptor(GuardedPipelines pipelines, @Intercepted Bean<?> bean) {
        this.pipelines = pipelines;
        this.beanClass = bean instanceof InjectableBean<?> injectable && injectable.getKind() == InjectableBean.Kind.CLASS
                ? bean.getBeanClass() : null;
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
            PipelineTable table = beanClass != null ? pipelines.table(beanClass)
                    : pipelines.wrappedTable(InterceptionProxySubclass.unwrap(context.getTarget()).getClass());
            current = new Resolved(table, pipelines.adaptedType(), pipelines.suspending());
            resolved = current;
        }
        Pipeline<InvocationContext> pipeline = current.table().get(context);
        if (pipeline == null) {
            return context.proceed();
        }
        if (!pipeline.asynchronous()) {
            // Also a Uni method or a suspend function that the spec's mode guards synchronously.
            return pipeline.call(context);
        }
        Class<?> returnType = context.getMethod().getReturnType();
        if (returnType == current.adaptedType()) {
            return UniAdapter.call(pipeline, context);
        }
        // A guarded method returning Object with an asynchronous pipeline is a compiled suspend function.
        if (current.suspending() && returnType == Object.class) {
            return SuspendFunctionAdapter.call(pipeline, context);
        }
        return pipeline.call(context);
    }

    /**
     * @param table the pipelines of the bean class
     * @param adaptedType the return type guarded like {@code CompletionStage} and adapted back ({@code Uni}), or null
     * @param suspending whether Kotlin suspend functions are guarded
     */
    private record Resolved(PipelineTable table, Class<?> adaptedType, boolean suspending) {
    }
}
