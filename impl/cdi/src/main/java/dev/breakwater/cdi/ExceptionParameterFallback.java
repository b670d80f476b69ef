package dev.breakwater.cdi;

import dev.breakwater.core.FallbackPolicy;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Calls the fallback method whose exception parameter is the most specific supertype of the failure, with the
 * failed call's arguments and the failure (SmallRye's non-compatible mode); the method without an exception
 * parameter, if there is one, when none accepts the failure; and otherwise rethrows the failure, as if there were no
 * fallback.
 */
final class ExceptionParameterFallback
        implements FallbackPolicy.FallbackHandler<InvocationContext> {

    /** Most specific exception type first: every type that accepts a failure is one of its superclasses. */
    private final Class<?>[] exceptionTypes;

    private final MethodFallback[] withException;
    private final MethodFallback withoutException;

    ExceptionParameterFallback(List<Method> withException, Optional<Method> withoutException) {
        List<Method> ordered =
                withException.stream()
                        .sorted(
                                Comparator.comparingInt(
                                                ExceptionParameterFallback::exceptionTypeDepth)
                                        .reversed())
                        .toList();
        this.exceptionTypes =
                ordered.stream()
                        .map(ExceptionParameterFallback::exceptionType)
                        .toArray(Class<?>[]::new);
        this.withException =
                ordered.stream().map(MethodFallback::new).toArray(MethodFallback[]::new);
        this.withoutException = withoutException.map(MethodFallback::new).orElse(null);
    }

    @Override
    public Object handle(InvocationContext context, Throwable failure) throws Exception {
        for (int i = 0; i < exceptionTypes.length; i++) {
            if (exceptionTypes[i].isInstance(failure)) {
                return withException[i].handleWithFailure(context, failure);
            }
        }
        if (withoutException != null) {
            return withoutException.handle(context, failure);
        }
        if (failure instanceof Exception exception) {
            throw exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new UndeclaredThrowableException(failure);
    }

    private static Class<?> exceptionType(Method method) {
        return method.getParameterTypes()[method.getParameterCount() - 1];
    }

    private static int exceptionTypeDepth(Method method) {
        int depth = 0;
        for (Class<?> type = exceptionType(method); type != null; type = type.getSuperclass()) {
            depth++;
        }
        return depth;
    }
}
