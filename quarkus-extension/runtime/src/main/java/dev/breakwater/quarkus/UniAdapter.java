package dev.breakwater.quarkus;

import dev.breakwater.cdi.CompletionStageAdapter;
import dev.breakwater.core.Callee;
import dev.breakwater.core.Pipeline;
import io.smallrye.mutiny.Uni;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Guards methods returning Mutiny's {@code Uni} like {@code CompletionStage} methods, both ways: each attempt's
 * {@code Uni} is subscribed as a stage, and the pipeline's stage is handed to the caller as a {@code Uni}. Loaded only
 * when Mutiny is on the class path. The guarded call starts when the returned {@code Uni} is subscribed, and again on
 * each subscription, as a {@code Uni} promises.
 */
final class UniAdapter implements CompletionStageAdapter {

    static final UniAdapter INSTANCE = new UniAdapter();

    private UniAdapter() {}

    @Override
    public boolean adapts(Method method) {
        return method.getReturnType() == Uni.class;
    }

    @Override
    public CompletionStage<?> toCompletionStage(
            Callee<InvocationContext> operation, InvocationContext context) throws Exception {
        return toCompletionStage(operation.call(context));
    }

    @Override
    public Object fromCompletionStage(
            Pipeline<InvocationContext> pipeline, InvocationContext context) throws Exception {
        if (!adapts(context.getMethod())) {
            return CompletionStageAdapter.super.fromCompletionStage(pipeline, context);
        }
        return fromCompletionStage(() -> stage(pipeline, context));
    }

    @Override
    public boolean adaptsType(Class<?> type) {
        return type == Uni.class;
    }

    @Override
    public CompletionStage<?> toCompletionStage(Object value) {
        return ((Uni<?>) value).subscribeAsCompletionStage();
    }

    @Override
    public Object fromCompletionStage(Supplier<CompletionStage<?>> stage) {
        return Uni.createFrom().completionStage(stage);
    }

    /** @return the stage of one guarded call, started by one subscription */
    private static CompletionStage<?> stage(
            Pipeline<InvocationContext> pipeline, InvocationContext context) {
        try {
            return (CompletionStage<?>) pipeline.call(context);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
