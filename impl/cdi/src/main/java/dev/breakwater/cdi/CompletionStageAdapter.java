package dev.breakwater.cdi;

import dev.breakwater.core.Callee;
import dev.breakwater.core.Pipeline;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Lets an integration guard methods whose outcome arrives later in a form it can view as a {@link CompletionStage}:
 * a reactive return type (Quarkus: Mutiny's {@code Uni}) or a continuation (Quarkus: Kotlin {@code suspend}
 * functions). Such a method is guarded like a {@code CompletionStage} method, asynchronous in the same cases
 * ({@link Asynchrony}). The adapter converts both ways: each attempt's outcome to a stage
 * ({@link #toCompletionStage(Callee, InvocationContext)}), which the pipeline's policies guard, and the pipeline's
 * stage back to what the method returns ({@link #fromCompletionStage(Pipeline, InvocationContext)}), which is what
 * lets every interceptor run the one dispatch of {@link PipelineTable#call}. Guarded synchronously, a call is not
 * adapted. The same two directions serve programmatic guards, by result type rather than method
 * ({@link #toCompletionStage(Object)}, {@link #fromCompletionStage(Supplier)}).
 */
public interface CompletionStageAdapter {

    /** Adapts nothing: only {@code CompletionStage} and {@code Future} methods are asynchronous. */
    CompletionStageAdapter NONE =
            new CompletionStageAdapter() {
                @Override
                public boolean adapts(Method method) {
                    return false;
                }

                @Override
                public CompletionStage<?> toCompletionStage(
                        Callee<InvocationContext> operation, InvocationContext context) {
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
    CompletionStage<?> toCompletionStage(
            Callee<InvocationContext> operation, InvocationContext context) throws Exception;

    /**
     * Runs a call through an asynchronous pipeline and hands the caller its outcome as the method's return type
     * promises; called on every such call, so it decides by what the call carries, without a lookup. By default
     * (a {@code CompletionStage} or {@code Future} method) the pipeline's stage or future as it is; an adapter
     * turns it back into what an adapted method returns.
     *
     * @param pipeline the asynchronous pipeline of the call's method, whose attempts this adapter
     *                 {@link #toCompletionStage(Callee, InvocationContext) viewed as stages} if it adapts the method
     * @param context the intercepted call
     * @return what the method returns to its caller
     * @throws Exception what an adapted method's call throws when its outcome is known before it returns
     */
    default Object fromCompletionStage(
            Pipeline<InvocationContext> pipeline, InvocationContext context) throws Exception {
        return pipeline.call(context);
    }

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
