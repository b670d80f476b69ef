package dev.breakwater.quarkus;

import dev.breakwater.cdi.FaultToleranceBinding;
import dev.breakwater.cdi.PipelineTable;
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
 * {@code mp.fault.tolerance.interceptor.priority}. It only finds the pipelines of what it intercepts: for a class
 * bean those of its bean class, for an instance that a producer wraps with {@code InterceptionProxy} those of the
 * wrapped instance's class, assembled on its first call unless the build found the class. The call itself runs
 * through the dispatch the CDI layer's interceptor runs too ({@link PipelineTable#call}).
 */
@Interceptor
@FaultToleranceBinding
public class BreakwaterInterceptor {

    private final GuardedPipelines pipelines;

    /** The bean class of a class bean; {@code null} for an instance wrapped by {@code InterceptionProxy}. */
    private final Class<?> beanClass;

    // Found on the first call rather than here: a bean may be created before the pipelines are
    // assembled. A plain
    // field, because two threads that race on the first call find tables that answer alike.
    private PipelineTable table;

    /**
     * @param pipelines the pipelines of the application
     * @param bean the bean this interceptor instance serves; ArC injects {@code null} for an instance wrapped by
     *             {@code InterceptionProxy}, and a producer's bean class is not the class of what it produces
     */
    @Inject
    public BreakwaterInterceptor(GuardedPipelines pipelines, @Intercepted Bean<?> bean) {
        this.pipelines = pipelines;
        this.beanClass =
                bean instanceof InjectableBean<?> injectable
                                && injectable.getKind() == InjectableBean.Kind.CLASS
                        ? bean.getBeanClass()
                        : null;
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
            current =
                    beanClass != null
                            ? pipelines.table(beanClass)
                            : pipelines.wrappedTable(
                                    InterceptionProxySubclass.unwrap(context.getTarget())
                                            .getClass());
            table = current;
        }
        return current.call(context);
    }
}
