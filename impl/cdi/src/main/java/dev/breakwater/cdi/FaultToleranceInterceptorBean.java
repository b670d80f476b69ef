package dev.breakwater.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.PassivationCapable;
import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Registers {@link FaultToleranceInterceptor} as an interceptor bean rather than as an interceptor class. The
 * container calls an interceptor bean's {@link #intercept} directly; an interceptor class's {@code @AroundInvoke}
 * method is called by reflection, which on Weld wraps every exception leaving it (a refusal, or the guarded
 * method's own failure) in an {@code InvocationTargetException} with a full stack trace, only to unwrap it again.
 * Enabled for the whole application at the priority {@code mp.fault.tolerance.interceptor.priority} gives.
 */
final class FaultToleranceInterceptorBean
        implements Interceptor<FaultToleranceInterceptor>, Prioritized, PassivationCapable {

    private static final Set<Annotation> BINDINGS = Set.of(FaultToleranceBinding.Literal.INSTANCE);
    private static final Set<Annotation> QUALIFIERS = Set.of(Any.Literal.INSTANCE);
    private static final Set<Type> TYPES = Set.of(FaultToleranceInterceptor.class, Object.class);

    private final FaultToleranceExtension extension;
    private final int priority;

    FaultToleranceInterceptorBean(FaultToleranceExtension extension, int priority) {
        this.extension = extension;
        this.priority = priority;
    }

    @Override
    public Set<Annotation> getInterceptorBindings() {
        return BINDINGS;
    }

    @Override
    public boolean intercepts(InterceptionType type) {
        return type == InterceptionType.AROUND_INVOKE;
    }

    @Override
    public Object intercept(
            InterceptionType type, FaultToleranceInterceptor instance, InvocationContext context)
            throws Exception {
        return instance.intercept(context);
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public String getId() {
        return FaultToleranceInterceptorBean.class.getName();
    }

    @Override
    public Class<?> getBeanClass() {
        return FaultToleranceInterceptor.class;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public FaultToleranceInterceptor create(CreationalContext<FaultToleranceInterceptor> context) {
        return new FaultToleranceInterceptor(extension);
    }

    @Override
    public void destroy(
            FaultToleranceInterceptor instance,
            CreationalContext<FaultToleranceInterceptor> context) {
        context.release();
    }

    @Override
    public Set<Type> getTypes() {
        return TYPES;
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return QUALIFIERS;
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return Dependent.class;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }
}
