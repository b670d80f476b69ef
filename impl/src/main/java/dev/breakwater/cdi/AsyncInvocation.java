package dev.breakwater.cdi;

import dev.breakwater.core.Callee;
import jakarta.interceptor.InvocationContext;

/**
 * Proceeds with an asynchronous call wherever it runs, with a request context active for its duration, as the spec
 * requires: the caller's when {@link CallerContext} carried one here, otherwise a new one.
 */
final class AsyncInvocation implements Callee<InvocationContext> {

    private final RequestContextActivation requestContext;

    AsyncInvocation(RequestContextActivation requestContext) {
        this.requestContext = requestContext;
    }

    @Override
    public Object call(InvocationContext context) throws Exception {
        Object captured = context instanceof CallerContext caller ? caller.requestContext() : null;
        boolean activated = requestContext.activate(captured);
        try {
            return context.proceed();
        } finally {
            if (activated) {
                requestContext.deactivate(captured);
            }
        }
    }
}
