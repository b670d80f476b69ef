package dev.breakwater.cdi;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Lets an integration guard methods that return a reactive type it can view as a {@link CompletionStage} (Quarkus:
 * Mutiny's {@code Uni}). Such a method is guarded like a {@code CompletionStage} method, asynchronous with or
 * without {@code @Asynchronous}; the integration turns the pipeline's stage back into its type.
 */
public interface CompletionStageAdapter {

    /** Adapts nothing: only {@code CompletionStage} and {@code Future} methods are asynchronous. */
    CompletionStageAdapter NONE = new CompletionStageAdapter() {
        @Override
        public boolean adapts(Class<?> returnType) {
            return false;
        }

        @Override
        public CompletionStage<?> toCompletionStage(Object value) {
            throw new IllegalArgumentException("no reactive type is adapted");
        }
    };

    /**
     * @param returnType a guarded method's return type
     * @return whether values of that type are adapted
     */
    boolean adapts(Class<?> returnType);

    /**
     * @param value what the method (or its fallback) returned, of an adapted type
     * @return a stage that completes as the value does
     */
    CompletionStage<?> toCompletionStage(Object value);

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
