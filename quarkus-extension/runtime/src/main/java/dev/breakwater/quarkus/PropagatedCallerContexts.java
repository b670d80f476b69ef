package dev.breakwater.quarkus;

import dev.breakwater.cdi.RequestContextActivation;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * Carries to an asynchronous call all of its caller's contexts that MicroProfile Context Propagation propagates, as
 * the incumbent does on Quarkus; used only when the application has {@code quarkus-smallrye-context-propagation},
 * so that without it no Context Propagation class is loaded. The contexts are captured on the caller's thread when
 * the call is made (which ones, the {@code mp.context.ThreadContext.*} config decides, as
 * {@code ThreadContext.builder()} reads it), and each attempt, a retry's too, runs inside them.
 *
 * <p>Inside them the request context follows {@link ArcRequestContext}'s rule: the caller's is already active when
 * Context Propagation carried it, otherwise it is activated from this class's own capture, or a new one is when the
 * caller had none; so the spec's active request context does not depend on how Context Propagation is configured.
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
        Attempt running = new Attempt(attempt, captured);
        ((Captured) captured).inCallerContexts().execute(running);
        return running.outcome();
    }

    /** The request context's rule, applied inside the caller's other contexts. */
    private Object proceedInRequestContext(InvocationContext attempt, Object captured)
            throws Exception {
        return RequestContextActivation.super.proceed(attempt, captured);
    }

    /**
     * @param requestContext the caller's request context, or {@code null}
     * @param inCallerContexts runs a task inside the caller's contexts, as often as asked
     */
    private record Captured(Object requestContext, Executor inCallerContexts) {}

    /** One attempt, run inside the caller's contexts; keeps what it returned or threw for the worker to hand on. */
    private final class Attempt implements Runnable {

        private final InvocationContext invocation;
        private final Object captured;
        private Object result;
        private Exception failure;

        Attempt(InvocationContext invocation, Object captured) {
            this.invocation = invocation;
            this.captured = captured;
        }

        @Override
        public void run() {
            try {
                result = proceedInRequestContext(invocation, captured);
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
