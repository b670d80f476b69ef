package dev.breakwater.core;

/**
 * Computes the pauses between the retries of one call, for a {@link Backoff.Custom custom backoff}. A new
 * strategy is obtained for every call that retries, so it may keep state; the calls of one strategy come one after
 * the other, possibly from different threads.
 */
@FunctionalInterface
public interface BackoffStrategy {

    /**
     * Called once, before the first pause.
     *
     * @param initialDelayNanos the retry policy's delay; the strategy may ignore it
     */
    default void init(long initialDelayNanos) {}

    /**
     * Called before each retry, the first included. Must be quick and must not block.
     *
     * @param failure the failure that causes the retry
     * @return the pause in nanoseconds; 0 or less means none
     */
    long nextDelayNanos(Throwable failure);
}
