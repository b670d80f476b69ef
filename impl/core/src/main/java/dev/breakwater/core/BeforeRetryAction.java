package dev.breakwater.core;

/**
 * Runs before each retry of a call, after the pause, never before the first attempt: for example to reset a
 * connection that the failed attempt left broken.
 *
 * <p>It should be fast and not block: it runs on the thread that makes the retry. An exception it throws does not
 * end the call: it is logged as a warning and the retry goes ahead, as SmallRye Fault Tolerance does with its
 * before-retry actions.
 *
 * @param <C> the per-call context
 */
@FunctionalInterface
public interface BeforeRetryAction<C> {

    /**
     * @param context the call's context
     * @param lastFailure what the attempt before this retry threw, or {@code null} when it returned a result that
     *                    the policy retries
     * @throws Exception logged, and the retry goes ahead
     */
    void beforeRetry(C context, Throwable lastFailure) throws Exception;
}
