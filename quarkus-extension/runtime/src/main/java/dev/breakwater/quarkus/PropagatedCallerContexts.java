package dev.breakwater.quarkus;

import dev.breakwater.cdi.RequestContextActivation;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.context.ThreadContext;

import java.util.concurrent.Executor;

/**
 * Carries all of a caller's contexts that MicroProfile Context Propagation knows to its asynchronous calls, as the
 * incumbent does on Quarkus; used only when the application has {@code quarkus-smallrye-context-propagation}, so
 * that without it no Context Propagation class is loaded. The caller's contexts are captured when the call is made,
 * which types through {@code mp.context.ThreadContext.*} config as {@code ThreadContext.builder()} reads it, and
 * each attempt (a retry's too) runs inside them.
 *
 * <p>Inside them the request context follows {@link ArcRequestContext}: the caller's is already active when Context
 * Propagation carried it; otherwise it is activated, or a new one when the caller had none. The incumbent leaves
 * the method without a request context in that last case; the spec requires one, and the spec wins.
 */
final class PropagatedCallerContexts implements RequestContextActivation {

    private final ArcRequestContext requestContext = new ArcRequestContext();
    private final ThreadContext threadContext = ThreadContext.builder().build();

    @Override
    public boolean capturesCallerContext() {
        return true;
    }

    @Override
    public Object capture() {
        return new Captured(requestContext.capture(), threadContext.currentContextExecutor());
    }

    @Override
    public boolean activate(Object captured) {
        return requestContext.activate(((Captured) captured).requestContext());
    }

    @Override
    public void deactivate(Object captured) {
        requestContext.deactivate(((Captured) captured).requestContext());
    }

    @Override
    public Object proceed(InvocationContext attempt, Object captured) throws Exception {
        Captured contexts = (Captured) captured;
        Attempt running = new Attempt(attempt, contexts.requestContext());
        contexts.inCallerContexts().execute(running);
        return running.outcome();
    }

    /**
     * @param requestContext the caller's request context, or {@code null}
     * @param inCallerContexts runs a task inside the caller's contexts, as often as asked
     */
    private record Captured(Object requestContext, Executor inCallerContexts) {
    }

    /** One attempt, run inside the caller's contexts; keeps what it returned or threw for the worker to hand on. */
    private final class Attempt implements Runnable {

        private final InvocationContext invocation;
        private final Object capturedRequestContext;
        private Object result;
        private Exception failure;

        Attempt(InvocationContext invocation, Object capturedRequestContext) {
            this.invocation = invocation;
            this.capturedRequestContext = capturedRequestContext;
        }

        @Override
        public void run() {
            try {
                result = requestContext.proceed(invocation, capturedRequestContext);
            } catch (Exception e) {
                failure = e;
            }
        }

        Object outcome() throws Exception {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
