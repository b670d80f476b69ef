package dev.breakwater.core;

/**
 * The guarded operation at the bottom of a pipeline.
 *
 * <p>The context is passed through the pipeline rather than captured, so that a stateless callee (for example
 * {@code InvocationContext::proceed}) costs no allocation per call.
 *
 * @param <C> the per-call context the pipeline carries
 */
@FunctionalInterface
public interface Callee<C> {

    /**
     * Runs the guarded operation once.
     *
     * @param context the per-call context
     * @return the operation's result
     * @throws Exception whatever the operation throws
     */
    Object call(C context) throws Exception;
}
