package dev.breakwater.quarkus;

import dev.breakwater.cdi.CompletionStageAdapter;
import dev.breakwater.core.Callee;
import dev.breakwater.core.Pipeline;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What Quarkus guards like a {@code CompletionStage} besides it: Mutiny's {@code Uni} ({@link UniAdapter}) and
 * Kotlin {@code suspend} functions ({@link SuspendFunctionAdapter}), each only when its library is on the class path
 * (so that neither adapter is loaded without it). An application with one of the two gets that adapter itself; this
 * class serves one with both.
 */
final class AdaptedCalls implements CompletionStageAdapter {

    private static final AdaptedCalls BOTH = new AdaptedCalls();

    private AdaptedCalls() {}

    /**
     * @param mutiny whether Mutiny is on the class path
     * @param kotlin whether Kotlin is on the class path
     * @return the adapter of what the application can use
     */
    static CompletionStageAdapter of(boolean mutiny, boolean kotlin) {
        if (mutiny) {
            return kotlin ? BOTH : UniAdapter.INSTANCE;
        }
        return kotlin ? SuspendFunctionAdapter.INSTANCE : CompletionStageAdapter.NONE;
    }

    @Override
    public boolean adapts(Method method) {
        return UniAdapter.INSTANCE.adapts(method) || SuspendFunctionAdapter.INSTANCE.adapts(method);
    }

    @Override
    public CompletionStage<?> toCompletionStage(
            Callee<InvocationContext> operation, InvocationContext context) throws Exception {
        return of(context).toCompletionStage(operation, context);
    }

    @Override
    public Object fromCompletionStage(
            Pipeline<InvocationContext> pipeline, InvocationContext context) throws Exception {
        return of(context).fromCompletionStage(pipeline, context);
    }

    /**
     * Of the methods with an asynchronous pipeline, only a suspend function returns Object (compiled); the others
     * return {@code Uni}, which the {@code Uni} adapter turns back, or a stage or {@code Future}, which it leaves.
     */
    private static CompletionStageAdapter of(InvocationContext context) {
        return context.getMethod().getReturnType() == Object.class
                ? SuspendFunctionAdapter.INSTANCE
                : UniAdapter.INSTANCE;
    }

    @Override
    public boolean adaptsType(Class<?> type) {
        return UniAdapter.INSTANCE.adaptsType(type);
    }

    @Override
    public CompletionStage<?> toCompletionStage(Object value) {
        return UniAdapter.INSTANCE.toCompletionStage(value);
    }

    @Override
    public Object fromCompletionStage(Supplier<CompletionStage<?>> stage) {
        return UniAdapter.INSTANCE.fromCompletionStage(stage);
    }
}
