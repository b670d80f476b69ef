package dev.breakwater.cdi;

import dev.breakwater.core.Callee;
import jakarta.interceptor.InvocationContext;

/**
 * Proceeds with an asynchronous call on a worker thread, with a request context active for its duration, as
 * the spec requires.
 */
final class AsyncInvocation implements Callee<InvocationContext> {

    private final RequestContextActivation requestContext;

    AsyncInvocation(RequestContextActivation requestContext) {
        this.requestContext = requestContext;
    }

    @Override
    public Object call(InvocationContext context) throws Exception {
        boolean activated = requestContext.activate();
        try {
            return context.proceed();
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
        }
    }
}
