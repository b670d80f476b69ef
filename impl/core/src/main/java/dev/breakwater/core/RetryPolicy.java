package dev.breakwater.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * When and how often a failed call is tried again.
 *
 * @param maxRetries retries after the first attempt; -1 means no limit
 * @param delayNanos pause before each retry
 * @param maxDurationNanos time after the first attempt began past which no retry starts; 0 means no limit
 * @param jitterNanos the pause varies at random by up to this much either way
 * @param retryOn which failures are retried: an {@link ExceptionPredicate} over exception types, or any predicate
 * @param backoff how the pause grows from one retry to the next; {@code delayNanos} is the first pause
 * @param retryOnResult which results are retried as if the attempt had failed, or {@code null} for none; when the
 *                      limits leave no retry for such a result, the call fails with
 *                      {@link Rejections#retriesExhausted(String, boolean)}
 */
public record RetryPolicy(
        int maxRetries,
        long delayNanos,
        long maxDurationNanos,
        long jitterNanos,
        Predicate<Throwable> retryOn,
        Backoff backoff,
        Predicate<Object> retryOnResult) {

    /** Validates the definition; see {@link #violations(int, long, long, long, Backoff)}. */
    public RetryPolicy {
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(backoff, "backoff");
        Violations.throwIfAny(
                "retry policy",
                violations(maxRetries, delayNanos, maxDurationNanos, jitterNanos, backoff));
    }

    /**
     * A policy that retries failures only, never a result.
     *
     * @param maxRetries retries after the first attempt; -1 means no limit
     * @param delayNanos pause before each retry
     * @param maxDurationNanos time after the first attempt began past which no retry starts; 0 means no limit
     * @param jitterNanos the pause varies at random by up to this much either way
     * @param retryOn which failures are retried
     * @param backoff how the pause grows from one retry to the next
     */
    public RetryPolicy(
            int maxRetries,
            long delayNanos,
            long maxDurationNanos,
            long jitterNanos,
            Predicate<Throwable> retryOn,
            Backoff backoff) {
        this(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn, backoff, null);
    }

    /**
     * A policy whose pause is the same before every retry.
     *
     * @param maxRetries retries after the first attempt; -1 means no limit
     * @param delayNanos pause before each retry
     * @param maxDurationNanos time after the first attempt began past which no retry starts; 0 means no limit
     * @param jitterNanos the pause varies at random by up to this much either way
     * @param retryOn which failures are retried
     */
    public RetryPolicy(
            int maxRetries,
            long delayNanos,
            long maxDurationNanos,
            long jitterNanos,
            Predicate<Throwable> retryOn) {
        this(
                maxRetries,
                delayNanos,
                maxDurationNanos,
                jitterNanos,
                retryOn,
                Backoff.CONSTANT,
                null);
    }

    /**
     * @param maxRetries retries after the first attempt
     * @param delayNanos pause before each retry
     * @param maxDurationNanos overall limit
     * @param jitterNanos random variation of the pause
     * @return what is wrong with the definition, empty when it is valid
     */
    public static List<Violation> violations(
            int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos) {
        return retryViolations(maxRetries, delayNanos, maxDurationNanos, jitterNanos).list();
    }

    /**
     * The rules of {@link #violations(int, long, long, long)}, and that a backoff's maximum pause, when it has one,
     * is longer than the delay it starts from. The backoff's own parameters are validated when it is created.
     *
     * @param maxRetries retries after the first attempt
     * @param delayNanos the first pause
     * @param maxDurationNanos overall limit
     * @param jitterNanos random variation of the pause
     * @param backoff how the pause grows
     * @return what is wrong with the definition, empty when it is valid
     */
    public static List<Violation> violations(
            int maxRetries,
            long delayNanos,
            long maxDurationNanos,
            long jitterNanos,
            Backoff backoff) {
        long maxDelayNanos = maxDelayNanos(backoff);
        return retryViolations(maxRetries, delayNanos, maxDurationNanos, jitterNanos)
                .require(
                        maxDelayNanos == 0 || maxDelayNanos > delayNanos,
                        "maxDelay",
                        maxDelayNanos + " ns",
                        "0 (no limit) or longer than delay")
                .list();
    }

    private static Violations retryViolations(
            int maxRetries, long delayNanos, long maxDurationNanos, long jitterNanos) {
        return new Violations()
                .require(maxRetries >= -1, "maxRetries", maxRetries, "-1 (no limit) or more")
                .require(delayNanos >= 0, "delay", delayNanos + " ns", "0 or more")
                .require(
                        maxDurationNanos >= 0,
                        "maxDuration",
                        maxDurationNanos + " ns",
                        "0 (no limit) or more")
                .require(
                        maxDurationNanos <= 0 || maxDurationNanos > delayNanos,
                        "maxDuration",
                        maxDurationNanos + " ns",
                        "0 (no limit) or longer than delay")
                .require(jitterNanos >= 0, "jitter", jitterNanos + " ns", "0 or more");
    }

    /** @return the backoff's longest pause, 0 when it has none */
    private static long maxDelayNanos(Backoff backoff) {
        if (backoff instanceof Backoff.Exponential exponential) {
            return exponential.maxDelayNanos();
        }
        return backoff instanceof Backoff.Fibonacci fibonacci ? fibonacci.maxDelayNanos() : 0;
    }

    /**
     * @return why the call must not be retried after {@code failure}, or {@code null} if it may be
     */
    OperationMetrics.RetryResult stopReason(
            Throwable failure, int retriesDone, long startNanos, long nowNanos) {
        if (!retryOn.test(failure)) {
            return OperationMetrics.RetryResult.EXCEPTION_NOT_RETRYABLE;
        }
        return limitReason(retriesDone, startNanos, nowNanos);
    }

    /**
     * @param result what an attempt returned
     * @return whether the result is retried as if the attempt had failed
     */
    boolean retriesResult(Object result) {
        return retryOnResult != null && retryOnResult.test(result);
    }

    /**
     * @return which limit forbids another retry after {@code retriesDone} retries, or {@code null} if none does
     */
    OperationMetrics.RetryResult limitReason(int retriesDone, long startNanos, long nowNanos) {
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

    /**
     * Starts the pauses of one call, before its first retry.
     *
     * @return the call's own strategy for a custom backoff; {@code null} for the built-in backoffs, which compute
     *         each pause from its number alone, so that nothing is allocated
     */
    BackoffStrategy startPauses() {
        return backoff instanceof Backoff.Custom custom ? custom.start(delayNanos) : null;
    }

    /**
     * @param retry which retry the pause comes before, 0 for the first
     * @param failure the failure that causes the retry, {@code null} when a result does
     * @param callStrategy what {@link #startPauses()} returned for this call
     * @return the pause before that retry, jitter applied, never negative
     */
    long nextDelayNanos(int retry, Throwable failure, BackoffStrategy callStrategy) {
        if (callStrategy != null) {
            return Backoff.Custom.pauseNanos(callStrategy, failure);
        }
        long jitter =
                jitterNanos == 0
                        ? 0
                        : ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
        if (backoff instanceof Backoff.Exponential exponential) {
            return exponential.pauseNanos(delayNanos, retry, jitter);
        }
        if (backoff instanceof Backoff.Fibonacci fibonacci) {
            return fibonacci.pauseNanos(delayNanos, retry, jitter);
        }
        return Backoff.Constant.pauseNanos(delayNanos, jitter);
    }

    /** @return whether the time since {@code startNanos} leaves room for another retry */
    boolean withinDuration(long startNanos, long nowNanos) {
        return maxDurationNanos == 0 || nowNanos - startNanos < maxDurationNanos;
    }
}
