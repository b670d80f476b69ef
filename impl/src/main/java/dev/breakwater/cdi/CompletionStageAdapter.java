package dev.breakwater.cdi;

import dev.breakwater.core.Callee;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

/**
 * Lets an integration guard methods whose outcome arrives later in a form it can view as a {@link CompletionStage}:
 * a reactive return type (Quarkus: Mutiny's {@code Uni}) or a continuation (Quarkus: Kotlin {@code suspend}
 * functions). Such a method is guarded like a {@code CompletionStage} method, asynchronous with or without
 * {@code @Asynchronous}; the integration turns the pipeline's stage back into what the caller expects.
 */
public interface CompletionStageAdapter {

    /** Adapts nothing: only {@code CompletionStage} and {@code Future} methods are asynchronous. */
    CompletionStageAdapter NONE = new CompletionStageAdapter() {
        @Override
        public boolean adapts(Method method) {
            return false;
        }

        @Override
        public CompletionStage<?> call(Callee<InvocationContext> operation, InvocationContext context) {
            throw new IllegalArgumentException("no method is adapted");
        }
    };

    /**
     * Asked at deployment, never per call.
     *
     * @param method a guarded method
     * @return whether its calls are adapted
     */
    boolean adapts(Method method);

    /**
     * Runs one attempt of a call of an adapted method, or its fallback method, and views its outcome as a stage.
     *
     * @param operation proceeds with the call (or calls the fallback) with the context's parameters
     * @param context the intercepted call, of a method this adapter {@link #adapts}
     * @return a stage that completes with the outcome
     * @throws Exception what the operation threw before it returned
     */
    CompletionStage<?> call(Callee<InvocationContext> operation, InvocationContext context) throws Exception;
}
