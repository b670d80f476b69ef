package dev.breakwater.cdi;

import dev.breakwater.core.BeforeRetryAction;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Calls a method of the bean instance, without arguments, before each retry. */
final class MethodBeforeRetry implements BeforeRetryAction<InvocationContext> {

    private final Method method;

    MethodBeforeRetry(Method method) {
        this.method = method;
        method.setAccessible(true);
    }

    @Override
    public void beforeRetry(InvocationContext context, Throwable lastFailure) throws Exception {
        try {
            method.invoke(context.getTarget());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
