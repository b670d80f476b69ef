package dev.breakwater.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The retry options of a guard, given in {@link GuardBuilder#retry}, with the defaults of the spec's
 * {@code @Retry}: 3 retries, no delay, at most 3 minutes, 200 ms of jitter, retrying every {@code Exception}.
 *
 * @param <T> the guarded operation's result
 */
public final class RetryBuilder<T> {

    private int maxRetries = 3;
    private Duration delay = Duration.ZERO;
    private Duration maxDuration = Duration.ofMinutes(3);
    private Duration jitter = Duration.ofMillis(200);
    private List<Class<? extends Throwable>> retryOn = List.of(Exception.class);
    private List<Class<? extends Throwable>> abortOn = List.of();
    private Predicate<? super T> retryOnResult;

    /** The backoff options called, as written, in order; more than one is an error. */
    private String backoffWritten;

    private String secondBackoffWritten;
    private int factor;
    private Duration maxDelay;

    RetryBuilder() {}

    /** @param retries retries after the first attempt; -1 means no limit; default 3 */
    public RetryBuilder<T> maxRetries(int retries) {
        this.maxRetries = retries;
        return this;
    }

    /** @param delay the pause before each retry (the first pause, with a growing backoff); default 0 */
    public RetryBuilder<T> delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /**
     * @param maxDuration time after the first attempt began past which no retry starts; {@link Duration#ZERO}
     *                    means no limit; default 3 minutes
     */
    public RetryBuilder<T> maxDuration(Duration maxDuration) {
        this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
        return this;
    }

    /** @param jitter each pause varies at random by up to this much either way; default 200 ms */
    public RetryBuilder<T> jitter(Duration jitter) {
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        return this;
    }

    /** @param types the failures that are retried; default {@code Exception} */
    @SafeVarargs
    public final RetryBuilder<T> retryOn(Class<? extends Throwable>... types) {
        this.retryOn = ExceptionTypes.of("retryOn", types);
        return this;
    }

    /** @param types failures never retried, even when {@link #retryOn} names them; default none */
    @SafeVarargs
    public final RetryBuilder<T> abortOn(Class<? extends Throwable>... types) {
        this.abortOn = ExceptionTypes.of("abortOn", types);
        return this;
    }

    /**
     * @param retried results retried as if the attempt had failed; when no retry is left for such a result the
     *                call fails with {@link RetriesExhausted}
     */
    public RetryBuilder<T> retryOnResult(Predicate<? super T> retried) {
        this.retryOnResult = Objects.requireNonNull(retried, "retryOnResult");
        return this;
    }

    /**
     * Makes the pauses grow by a factor: delay, delay × factor, delay × factor², ...
     *
     * @param factor what each pause is multiplied by to give the next, 1 or more
     * @param maxDelay the longest pause; {@link Duration#ZERO} means no limit
     */
    public RetryBuilder<T> exponentialBackoff(int factor, Duration maxDelay) {
        chooseBackoff(
                "exponentialBackoff("
                        + factor
                        + ", "
                        + Objects.requireNonNull(maxDelay, "maxDelay")
                        + ")");
        this.factor = factor;
        this.maxDelay = maxDelay;
        return this;
    }

    /**
     * Makes the pauses grow along the Fibonacci sequence: delay × 1, 2, 3, 5, 8, ...
     *
     * @param maxDelay the longest pause; {@link Duration#ZERO} means no limit
     */
    public RetryBuilder<T> fibonacciBackoff(Duration maxDelay) {
        chooseBackoff("fibonacciBackoff(" + Objects.requireNonNull(maxDelay, "maxDelay") + ")");
        this.maxDelay = maxDelay;
        return this;
    }

    private void chooseBackoff(String written) {
        if (backoffWritten == null) {
            backoffWritten = written;
        } else {
            secondBackoffWritten = written;
        }
    }

    /** @return the policy, or {@code null} when {@code errors} got what is wrong with the options */
    @SuppressWarnings("unchecked")
    RetryPolicy policy(BuilderErrors errors) {
        String delayWritten = BuilderErrors.written("retry.delay", delay);
        String maxDurationWritten = BuilderErrors.written("retry.maxDuration", maxDuration);
        String jitterWritten = BuilderErrors.written("retry.jitter", jitter);
        long delayNanos = errors.nanos(delayWritten, delay);
        long maxDurationNanos = errors.nanos(maxDurationWritten, maxDuration);
        long jitterNanos = errors.nanos(jitterWritten, jitter);
        Backoff backoff = backoff(errors);
        List<Violation> violations =
                backoff == null
                        ? RetryPolicy.violations(
                                maxRetries, delayNanos, maxDurationNanos, jitterNanos)
                        : RetryPolicy.violations(
                                maxRetries, delayNanos, maxDurationNanos, jitterNanos, backoff);
        errors.report(
                violations,
                Map.of(
                        "maxRetries",
                        BuilderErrors.written("retry.maxRetries", maxRetries),
                        "delay",
                        delayWritten,
                        "maxDuration",
                        maxDurationWritten + " (with " + delayWritten + ")",
                        "jitter",
                        jitterWritten,
                        "maxDelay",
                        "retry." + backoffWritten + " (with " + delayWritten + ")"));
        if (backoff == null || !violations.isEmpty()) {
            return null;
        }
        return new RetryPolicy(
                maxRetries,
                delayNanos,
                maxDurationNanos,
                jitterNanos,
                ExceptionPredicate.of(retryOn, abortOn),
                backoff,
                (Predicate<Object>) retryOnResult);
    }

    /** @return the chosen backoff, or {@code null} when it is invalid */
    private Backoff backoff(BuilderErrors errors) {
        if (backoffWritten == null) {
            return Backoff.CONSTANT;
        }
        if (secondBackoffWritten != null) {
            errors.add(
                    "retry." + secondBackoffWritten + " after retry." + backoffWritten,
                    "one backoff");
            return null;
        }
        String written = "retry." + backoffWritten;
        long maxDelayNanos = errors.nanos(written, maxDelay);
        if (backoffWritten.startsWith("exponential")) {
            List<Violation> violations = Backoff.Exponential.violations(factor, maxDelayNanos);
            errors.report(
                    violations,
                    Map.of(
                            "factor",
                            written + ": factor " + factor,
                            "maxDelay",
                            written + ": maxDelay " + maxDelay));
            return violations.isEmpty() ? new Backoff.Exponential(factor, maxDelayNanos) : null;
        }
        List<Violation> violations = Backoff.Fibonacci.violations(maxDelayNanos);
        errors.report(violations, Map.of("maxDelay", written + ": maxDelay " + maxDelay));
        return violations.isEmpty() ? new Backoff.Fibonacci(maxDelayNanos) : null;
    }
}
