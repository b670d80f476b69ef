package dev.breakwater.core;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What replaces a failed call's result.
 *
 * @param applyOn which failures the fallback handles, the others propagating: an {@link ExceptionPredicate} over
 *                exception types, or any predicate
 * @param handler produces the replacement result
 * @param <C> the per-call context the pipeline carries
 */
public record FallbackPolicy<C>(Predicate<Throwable> applyOn, FallbackHandler<C> handler) {

    /** Requires both parts. */
    public FallbackPolicy {
        Objects.requireNonNull(applyOn, "applyOn");
        Objects.requireNonNull(handler, "handler");
    }

    /**
     * Produces the result of a call whose guarded operation failed.
     *
     * @param <C> the per-call context
     */
    @FunctionalInterface
    public interface FallbackHandler<C> {

        /**
         * @param context the per-call context
         * @param failure why the call failed
         * @return the replacement result (for asynchronous calls, the replacement future or stage)
         * @throws Exception when the fallback itself fails
         */
        Object handle(C context, Throwable failure) throws Exception;
    }
}
