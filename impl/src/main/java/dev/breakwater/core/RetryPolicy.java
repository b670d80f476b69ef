package dev.breakwater.core;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how often a failed call is tried again.
 *
 * @param maxRetries retries after the first attempt; -1 means no limit
 * @param delayNanos pause before each retry
 * @param maxDurationNanos time after the first attempt began past which no retry starts; 0 means no limit
 * @param jitterNanos the pause varies at random by up to this much either way
 * @param retryOn which failures are retried
 */
public record RetryPolicy(int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos,
                          ExceptionPredicate retryOn) {

    /** Validates the definition; see {@link #violations(int, long, long, long)}. */
    public RetryPolicy {
        Violations.throwIfAny("retry policy", violations(maxRetries, delayNanos, maxDurationNanos, jitterNanos));
    }

    /**
     * @param maxRetries retries after the first attempt
     * @param delayNanos pause before each retry
     * @param maxDurationNanos overall limit
     * @param jitterNanos random variation of the pause
     * @return what is wrong with the definition, empty when it is valid
     */
    public static List<Violation> violations(int maxRetries, long delayNanos, long maxDurationNanos,
                                             long jitterNanos) {
        return new Violations()
                .require(maxRetries >= -1, "maxRetries", maxRetries, "-1 (no limit) or more")
                .require(delayNanos >= 0, "delay", delayNanos + " ns", "0 or more")
                .require(maxDurationNanos >= 0, "maxDuration", maxDurationNanos + " ns", "0 (no limit) or more")
                .require(maxDurationNanos <= 0 || maxDurationNanos > delayNanos, "maxDuration",
                        maxDurationNanos + " ns", "0 (no limit) or longer than delay")
                .require(jitterNanos >= 0, "jitter", jitterNanos + " ns", "0 or more")
                .list();
    }

    /**
     * @return why the call must not be retried after {@code failure}, or {@code null} if it may be
     */
    OperationMetrics.RetryResult stopReason(Throwable failure, int retriesDone, long startNanos, long nowNanos) {
        if (!retryOn.test(failure)) {
            return OperationMetrics.RetryResult.EXCEPTION_NOT_RETRYABLE;
        }
        if (!allowsRetry(retriesDone)) {
            return OperationMetrics.RetryResult.MAX_RETRIES_REACHED;
        }
        if (!withinDuration(startNanos, nowNanos)) {
            return OperationMetrics.RetryResult.MAX_DURATION_REACHED;
        }
        return null;
    }

    /** @return whether another retry is allowed after {@code retriesDone} retries */
    boolean allowsRetry(int retriesDone) {
        return maxRetries < 0 || retriesDone < maxRetries;
    }

    /** @return the pause before the next retry, jitter applied, never negative */
    long nextDelayNanos() {
        if (jitterNanos == 0) {
            return delayNanos;
        }
        long jitter = ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
        return Math.max(0, delayNanos + jitter);
    }

    /** @return whether the time since {@code startNanos} leaves room for another retry */
    boolean withinDuration(long startNanos, long nowNanos) {
        return maxDurationNanos == 0 || nowNanos - startNanos < maxDurationNanos;
    }
}
