package dev.breakwater.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * Declares the keys under {@code quarkus.fault-tolerance} to Quarkus, which otherwise warns that each one is an
 * "Unrecognized configuration key" that "will be ignored" while Breakwater reads it. Never injected: Breakwater
 * reads these keys with the spec's through MicroProfile Config ({@code dev.breakwater.cdi.ConfigKeys}), so every
 * value is text here and is checked there, with the messages of every other key, and a key that configures
 * nothing fails the build there with the nearest valid spelling.
 */
@ConfigMapping(prefix = "quarkus.fault-tolerance")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface FaultToleranceKeys {

    /**
     * Whether the annotations other than {@code @Fallback} are in effect (as
     * {@code MP_Fault_Tolerance_NonFallback_Enabled}).
     *
     * @return the switch as written
     */
    Optional<String> enabled();

    /**
     * Whether metrics are recorded (as {@code MP_Fault_Tolerance_Metrics_Enabled}).
     *
     * @return the switch as written
     */
    @WithName("metrics.enabled")
    Optional<String> metricsEnabled();

    /**
     * Whether the MicroProfile Fault Tolerance specification's mode is used rather than the non-compatible one.
     *
     * @return the switch as written
     */
    Optional<String> mpCompatibility();

    /**
     * The annotations' members by place: {@code global}, {@code "<class>"} for an annotation on the class,
     * {@code "<class>/<method>"} for one on the method.
     *
     * @return the members by place
     */
    @WithParentName
    Map<String, Annotations> places();

    /** The members of each annotation at one place, by kebab-case name ({@code max-retries}), as written. */
    interface Annotations {

        /**
         * The members of {@code @Asynchronous}: {@code enabled}.
         *
         * @return the members as written
         */
        Map<String, String> asynchronous();

        /**
         * The members of {@code @Bulkhead}.
         *
         * @return the members as written
         */
        Map<String, String> bulkhead();

        /**
         * The members of {@code @CircuitBreaker}.
         *
         * @return the members as written
         */
        @WithName("circuit-breaker")
        Map<String, String> circuitBreaker();

        /**
         * The members of {@code @Fallback}.
         *
         * @return the members as written
         */
        Map<String, String> fallback();

        /**
         * The members of {@code @Retry}.
         *
         * @return the members as written
         */
        Map<String, String> retry();

        /**
         * The members of {@code @Timeout}.
         *
         * @return the members as written
         */
        Map<String, String> timeout();

        /**
         * The members of SmallRye's {@code @RateLimit}.
         *
         * @return the members as written
         */
        @WithName("rate-limit")
        Map<String, String> rateLimit();

        /**
         * The members of Breakwater's {@code @BreakerPolicy}.
         *
         * @return the members as written
         */
        @WithName("breaker-policy")
        Map<String, String> breakerPolicy();

        /**
         * The members of SmallRye's {@code @ExponentialBackoff}.
         *
         * @return the members as written
         */
        @WithName("exponential-backoff")
        Map<String, String> exponentialBackoff();

        /**
         * The members of SmallRye's {@code @FibonacciBackoff}.
         *
         * @return the members as written
         */
        @WithName("fibonacci-backoff")
        Map<String, String> fibonacciBackoff();

        /**
         * The members of SmallRye's {@code @CustomBackoff}.
         *
         * @return the members as written
         */
        @WithName("custom-backoff")
        Map<String, String> customBackoff();

        /**
         * The members of SmallRye's {@code @RetryWhen}.
         *
         * @return the members as written
         */
        @WithName("retry-when")
        Map<String, String> retryWhen();

        /**
         * The members of SmallRye's {@code @BeforeRetry}.
         *
         * @return the members as written
         */
        @WithName("before-retry")
        Map<String, String> beforeRetry();
    }
}
