package dev.breakwater.cdi;

import dev.breakwater.core.FallbackPolicy;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls a fallback method on the bean instance with the failed call's arguments. The call is virtual, so an
 * override in the bean class wins over the declaration that was validated.
 */
final class MethodFallback implements FallbackPolicy.FallbackHandler<InvocationContext> {

    private final Method method;

    MethodFallback(Method method) {
        this.method = method;
        method.setAccessible(true);
    }

    @Override
    public Object handle(InvocationContext context, Throwable failure) throws Exception {
        try {
            return method.invoke(context.getTarget(), context.getParameters());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
