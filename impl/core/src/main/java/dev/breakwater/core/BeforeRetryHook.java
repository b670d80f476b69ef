package dev.breakwater.core;

/**
 * A pipeline's {@link BeforeRetryAction}, run where a retry starts, in the synchronous and the asynchronous retry
 * alike, with the one rule for its failures.
 */
final class BeforeRetryHook<C> {

    private static final System.Logger LOG = System.getLogger(BeforeRetryHook.class.getName());

    private final BeforeRetryAction<C> action;
    private final String name;

    BeforeRetryHook(BeforeRetryAction<C> action, String name) {
        this.action = action;
        this.name = name;
    }

    /** Runs the action; its exception is logged and the retry goes ahead (see {@link BeforeRetryAction}). */
    void run(C context, Throwable lastFailure) {
        try {
            action.beforeRetry(context, lastFailure);
        } catch (Exception e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The before-retry action of " + name + " threw an exception; retrying anyway",
                    e);
        }
    }
}
