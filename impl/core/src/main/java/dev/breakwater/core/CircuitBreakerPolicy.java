package dev.breakwater.core;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When a circuit breaker opens and how it closes again.
 *
 * @param delayNanos how long the breaker stays open before it lets trial calls through
 * @param requestVolumeThreshold the size of the rolling window of outcomes
 * @param failureRatio the share of failures in a full window that opens the breaker
 * @param successThreshold trial successes needed in half-open state to close the breaker
 * @param failOn which failures count as failures, the others counting as successes: an
 *               {@link ExceptionPredicate} over exception types, or any predicate
 * @param options what the breaker does beyond the spec; {@link CircuitBreakerOptions#SPEC} for nothing more
 */
public record CircuitBreakerPolicy(
        long delayNanos,
        int requestVolumeThreshold,
        double failureRatio,
        int successThreshold,
        Predicate<Throwable> failOn,
        CircuitBreakerOptions options) {

    /** Validates the definition; see {@link #violations(long, int, double, int)}. */
    public CircuitBreakerPolicy {
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(options, "options");
        Violations.throwIfAny(
                "circuit breaker policy",
                violations(delayNanos, requestVolumeThreshold, failureRatio, successThreshold));
    }

    /**
     * The spec's breaker, without {@linkplain CircuitBreakerOptions options} beyond it.
     *
     * @param delayNanos how long the breaker stays open before it lets trial calls through
     * @param requestVolumeThreshold the size of the rolling window of outcomes
     * @param failureRatio the share of failures in a full window that opens the breaker
     * @param successThreshold trial successes needed in half-open state to close the breaker
     * @param failOn which failures count as failures
     */
    public CircuitBreakerPolicy(
            long delayNanos,
            int requestVolumeThreshold,
            double failureRatio,
            int successThreshold,
            Predicate<Throwable> failOn) {
        this(
                delayNanos,
                requestVolumeThreshold,
                failureRatio,
                successThreshold,
                failOn,
                CircuitBreakerOptions.SPEC);
    }

    /**
     * @param delayNanos how long the breaker stays open
     * @param requestVolumeThreshold the window size
     * @param failureRatio the share of failures that opens the breaker
     * @param successThreshold trial successes needed to close
     * @return what is wrong with the definition, empty when it is valid
     */
    public static List<Violation> violations(
            long delayNanos,
            int requestVolumeThreshold,
            double failureRatio,
            int successThreshold) {
        return new Violations()
                .require(delayNanos >= 0, "delay", delayNanos + " ns", "0 or more")
                .require(
                        requestVolumeThreshold >= 1,
                        "requestVolumeThreshold",
                        requestVolumeThreshold,
                        "1 or more")
                .require(
                        failureRatio >= 0 && failureRatio <= 1,
                        "failureRatio",
                        failureRatio,
                        "0 to 1 inclusive")
                .require(successThreshold >= 1, "successThreshold", successThreshold, "1 or more")
                .list();
    }

    /**
     * The number of failures in a full window that opens the breaker. Computed once, so that the per-call check
     * is an integer comparison.
     */
    int failuresToOpen() {
        return (int) CircuitBreakerOptions.countToOpen(failureRatio, requestVolumeThreshold);
    }
}
