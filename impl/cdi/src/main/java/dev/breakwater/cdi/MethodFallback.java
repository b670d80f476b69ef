package dev.breakwater.cdi;

import dev.breakwater.core.FallbackPolicy;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

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
        return invoke(context.getTarget(), context.getParameters());
    }

    /** Calls a method that takes the failure after the call's arguments. */
    Object handleWithFailure(InvocationContext context, Throwable failure) throws Exception {
        Object[] arguments = context.getParameters();
        Object[] withFailure = Arrays.copyOf(arguments, arguments.length + 1);
        withFailure[arguments.length] = failure;
        return invoke(context.getTarget(), withFailure);
    }

    private Object invoke(Object target, Object[] arguments) throws Exception {
        try {
            return method.invoke(target, arguments);
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
