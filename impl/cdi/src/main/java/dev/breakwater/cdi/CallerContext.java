package dev.breakwater.cdi;

import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * An asynchronous call's invocation context together with the request context its caller had active, captured on
 * the caller's thread when the call was made; everything else is the container's context.
 */
final class CallerContext implements InvocationContext {

    private final InvocationContext invocation;
    private final Object requestContext;

    private CallerContext(InvocationContext invocation, Object requestContext) {
        this.invocation = invocation;
        this.requestContext = requestContext;
    }

    /**
     * @param invocation the intercepted call, on the caller's thread
     * @param requestContexts captures the caller's request context
     * @return the call with the caller's request context, or the call itself when the caller has none active
     */
    static InvocationContext capture(
            InvocationContext invocation, RequestContextActivation requestContexts) {
        Object captured = requestContexts.capture();
        return captured == null ? invocation : new CallerContext(invocation, captured);
    }

    /** @return the caller's request context, as {@link RequestContextActivation#capture()} gave it */
    Object requestContext() {
        return requestContext;
    }

    @Override
    public Object getTarget() {
        return invocation.getTarget();
    }

    @Override
    public Object getTimer() {
        return invocation.getTimer();
    }

    @Override
    public Method getMethod() {
        return invocation.getMethod();
    }

    @Override
    public Constructor<?> getConstructor() {
        return invocation.getConstructor();
    }

    @Override
    public Object[] getParameters() {
        return invocation.getParameters();
    }

    @Override
    public void setParameters(Object[] parameters) {
        invocation.setParameters(parameters);
    }

    @Override
    public Map<String, Object> getContextData() {
        return invocation.getContextData();
    }

    @Override
    public Object proceed() throws Exception {
        return invocation.proceed();
    }

    @Override
    public Set<Annotation> getInterceptorBindings() {
        return invocation.getInterceptorBindings();
    }

    @Override
    public <T extends Annotation> T getInterceptorBinding(Class<T> type) {
        return invocation.getInterceptorBinding(type);
    }

    @Override
    public <T extends Annotation> Set<T> getInterceptorBindings(Class<T> type) {
        return invocation.getInterceptorBindings(type);
    }
}
