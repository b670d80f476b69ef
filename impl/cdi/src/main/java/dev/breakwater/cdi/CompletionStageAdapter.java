package dev.breakwater.cdi;

import dev.breakwater.core.Callee;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Lets an integration guard methods whose outcome arrives later in a form it can view as a {@link CompletionStage}:
 * a reactive return type (Quarkus: Mutiny's {@code Uni}) or a continuation (Quarkus: Kotlin {@code suspend}
 * functions). Such a method is guarded like a {@code CompletionStage} method, asynchronous in the same cases
 * ({@link Asynchrony}); the integration turns the pipeline's stage back into what the caller expects. Guarded
 * synchronously, its call is not adapted.
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

    /**
     * For programmatic guards, which have a result type rather than a method.
     *
     * @param type the result type of a guarded action
     * @return whether values of that (reactive) type are adapted
     */
    default boolean adaptsType(Class<?> type) {
        return false;
    }

    /**
     * @param value what a programmatic guard's action (or fallback) returned, of a type this adapter
     *              {@link #adaptsType adapts}
     * @return a stage that completes as the value does
     * @throws UnsupportedOperationException if no reactive type is adapted
     */
    default CompletionStage<?> toCompletionStage(Object value) {
        throw new UnsupportedOperationException("no reactive type is adapted");
    }

    /**
     * @param stage starts a guarded call and returns its stage; called on each start the reactive type makes (a
     *              {@code Uni}: on each subscription)
     * @return the adapted reactive type following the stages {@code stage} gives
     * @throws UnsupportedOperationException if no reactive type is adapted
     */
    default Object fromCompletionStage(Supplier<CompletionStage<?>> stage) {
        throw new UnsupportedOperationException("no reactive type is adapted");
    }
}
