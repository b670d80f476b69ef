package dev.breakwater.cdi;

import dev.breakwater.core.Callee;
import jakarta.interceptor.InvocationContext;

/**
 * Proceeds with an asynchronous call wherever it runs, with a request context active for its duration, as the spec
 * requires: the caller's when {@link CallerContext} carried one here, otherwise a new one; and inside whatever else
 * of the caller's contexts the integration captured with it.
 */
final class AsyncInvocation implements Callee<InvocationContext> {

    private final RequestContextActivation requestContext;

    AsyncInvocation(RequestContextActivation requestContext) {
        this.requestContext = requestContext;
    }

    @Override
    public Object call(InvocationContext context) throws Exception {
        return requestContext.proceed(
                context, context instanceof CallerContext caller ? caller.requestContext() : null);
    }
}
