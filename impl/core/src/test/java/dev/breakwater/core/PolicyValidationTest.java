package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule a policy definition must satisfy: a violation names the parameter, the value and what is allowed. */
class PolicyValidationTest {

    private static final ExceptionPredicate ALL = ExceptionPredicate.all();
    private static final Throwable FAILURE = new IllegalStateException("failed attempt");

    @Nested
    class TimeoutPolicies {

        @Test
        void aNegativeValueIsRejected() {
            assertThat(TimeoutPolicy.violations(-1))
                    .containsExactly(new Violation("value", "-1 ns", "0 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new TimeoutPolicy(-1))
                    .withMessage(
                            "invalid timeout policy: [value = -1 ns is invalid; allowed: 0 or more]");
        }

        @Test
        void zeroAndPositiveValuesAreAccepted() {
            assertThat(TimeoutPolicy.violations(0)).isEmpty();
            assertThat(TimeoutPolicy.violations(Long.MAX_VALUE)).isEmpty();
            assertThat(new TimeoutPolicy(0).timeoutNanos()).isZero();
        }
    }

    @Nested
    class RetryPolicies {

        @Test
        void maxRetriesBelowMinusOneIsRejected() {
            assertThat(RetryPolicy.violations(-2, 0, 0, 0))
                    .containsExactly(new Violation("maxRetries", "-2", "-1 (no limit) or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new RetryPolicy(-2, 0, 0, 0, ALL))
                    .withMessage(
                            "invalid retry policy: [maxRetries = -2 is invalid; allowed: -1 (no limit) or more]");
        }

        @Test
        void maxRetriesOfMinusOneMeansNoLimitAndIsAccepted() {
            assertThat(RetryPolicy.violations(-1, 0, 0, 0)).isEmpty();
            assertThat(new RetryPolicy(-1, 0, 0, 0, ALL).allowsRetry(Integer.MAX_VALUE - 1))
                    .isTrue();
        }

        @Test
        void maxRetriesLimitsTheNumberOfRetries() {
            RetryPolicy policy = new RetryPolicy(2, 0, 0, 0, ALL);

            assertThat(policy.allowsRetry(0)).isTrue();
            assertThat(policy.allowsRetry(1)).isTrue();
            assertThat(policy.allowsRetry(2)).isFalse();
            assertThat(new RetryPolicy(0, 0, 0, 0, ALL).allowsRetry(0)).isFalse();
        }

        @Test
        void aNegativeDelayIsRejected() {
            assertThat(RetryPolicy.violations(3, -5, 0, 0))
                    .containsExactly(new Violation("delay", "-5 ns", "0 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new RetryPolicy(3, -5, 0, 0, ALL))
                    .withMessageContaining("delay = -5 ns is invalid; allowed: 0 or more");
        }

        @Test
        void aMaxDurationNotLongerThanTheDelayIsRejected() {
            assertThat(RetryPolicy.violations(3, 100, 100, 0))
                    .containsExactly(
                            new Violation(
                                    "maxDuration", "100 ns", "0 (no limit) or longer than delay"));
            assertThat(RetryPolicy.violations(3, 100, 50, 0))
                    .containsExactly(
                            new Violation(
                                    "maxDuration", "50 ns", "0 (no limit) or longer than delay"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new RetryPolicy(3, 100, 100, 0, ALL))
                    .withMessageContaining(
                            "maxDuration = 100 ns is invalid; allowed: 0 (no limit) or longer than delay");
        }

        @Test
        void aNegativeMaxDurationIsRejectedOnce() {
            assertThat(RetryPolicy.violations(3, 0, -1, 0))
                    .containsExactly(new Violation("maxDuration", "-1 ns", "0 (no limit) or more"));
        }

        @Test
        void aMaxDurationOfZeroMeansNoLimitWhateverTheDelay() {
            assertThat(RetryPolicy.violations(3, 1_000_000, 0, 0)).isEmpty();
            assertThat(new RetryPolicy(3, 1_000_000, 0, 0, ALL).withinDuration(0, Long.MAX_VALUE))
                    .isTrue();
        }

        @Test
        void aMaxDurationLongerThanTheDelayIsAcceptedAndBoundsTheTimeForRetries() {
            assertThat(RetryPolicy.violations(3, 100, 101, 0)).isEmpty();
            RetryPolicy policy = new RetryPolicy(3, 100, 1_000, 0, ALL);

            assertThat(policy.withinDuration(5_000, 5_999)).isTrue();
            assertThat(policy.withinDuration(5_000, 6_000)).isFalse();
        }

        @Test
        void aNegativeJitterIsRejected() {
            assertThat(RetryPolicy.violations(3, 0, 0, -1))
                    .containsExactly(new Violation("jitter", "-1 ns", "0 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new RetryPolicy(3, 0, 0, -1, ALL))
                    .withMessageContaining("jitter = -1 ns is invalid; allowed: 0 or more");
        }

        @Test
        void everyViolationIsReportedAtOnce() {
            assertThat(RetryPolicy.violations(-7, -1, 0, -1))
                    .extracting(Violation::parameter)
                    .containsExactly("maxRetries", "delay", "jitter");
        }

        @Test
        void theDelayIsTheConfiguredOneWithoutJitter() {
            assertThat(new RetryPolicy(3, 100, 0, 0, ALL).nextDelayNanos(0, FAILURE, null))
                    .isEqualTo(100);
        }

        @Test
        void jitterVariesTheDelayByAtMostItsValueEitherWayAndNeverBelowZero() {
            RetryPolicy policy = new RetryPolicy(3, 100, 0, 30, ALL);
            RetryPolicy wide = new RetryPolicy(3, 10, 0, 1_000, ALL);

            for (int i = 0; i < 1_000; i++) {
                assertThat(policy.nextDelayNanos(i, FAILURE, null)).isBetween(70L, 130L);
                assertThat(wide.nextDelayNanos(i, FAILURE, null)).isBetween(0L, 1_010L);
            }
        }
    }

    @Nested
    class CircuitBreakerPolicies {

        @Test
        void aNegativeDelayIsRejected() {
            assertThat(CircuitBreakerPolicy.violations(-1, 20, 0.5, 1))
                    .containsExactly(new Violation("delay", "-1 ns", "0 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new CircuitBreakerPolicy(-1, 20, 0.5, 1, ALL))
                    .withMessage(
                            "invalid circuit breaker policy: [delay = -1 ns is invalid; allowed: 0 or more]");
        }

        @Test
        void aRequestVolumeThresholdBelowOneIsRejected() {
            assertThat(CircuitBreakerPolicy.violations(0, 0, 0.5, 1))
                    .containsExactly(new Violation("requestVolumeThreshold", "0", "1 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new CircuitBreakerPolicy(0, 0, 0.5, 1, ALL))
                    .withMessageContaining(
                            "requestVolumeThreshold = 0 is invalid; allowed: 1 or more");
        }

        @Test
        void aFailureRatioOutsideZeroToOneIsRejected() {
            assertThat(CircuitBreakerPolicy.violations(0, 20, -0.1, 1))
                    .containsExactly(new Violation("failureRatio", "-0.1", "0 to 1 inclusive"));
            assertThat(CircuitBreakerPolicy.violations(0, 20, 1.5, 1))
                    .containsExactly(new Violation("failureRatio", "1.5", "0 to 1 inclusive"));
            assertThat(CircuitBreakerPolicy.violations(0, 20, Double.NaN, 1))
                    .containsExactly(new Violation("failureRatio", "NaN", "0 to 1 inclusive"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new CircuitBreakerPolicy(0, 20, 1.5, 1, ALL))
                    .withMessageContaining(
                            "failureRatio = 1.5 is invalid; allowed: 0 to 1 inclusive");
        }

        @Test
        void theBoundsOfTheFailureRatioAreAccepted() {
            assertThat(CircuitBreakerPolicy.violations(0, 20, 0.0, 1)).isEmpty();
            assertThat(CircuitBreakerPolicy.violations(0, 20, 1.0, 1)).isEmpty();
        }

        @Test
        void aSuccessThresholdBelowOneIsRejected() {
            assertThat(CircuitBreakerPolicy.violations(0, 20, 0.5, 0))
                    .containsExactly(new Violation("successThreshold", "0", "1 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new CircuitBreakerPolicy(0, 20, 0.5, 0, ALL))
                    .withMessageContaining("successThreshold = 0 is invalid; allowed: 1 or more");
        }

        @Test
        void everyViolationIsReportedAtOnce() {
            assertThat(CircuitBreakerPolicy.violations(-1, 0, 2, 0))
                    .extracting(Violation::parameter)
                    .containsExactly(
                            "delay", "requestVolumeThreshold", "failureRatio", "successThreshold");
        }

        @Test
        void theSpecDefaultsAreAccepted() {
            assertThatCode(() -> new CircuitBreakerPolicy(5_000_000_000L, 20, 0.5, 1, ALL))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class BulkheadPolicies {

        @Test
        void aValueBelowOneIsRejected() {
            assertThat(BulkheadPolicy.violations(0, 10))
                    .containsExactly(new Violation("value", "0", "1 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BulkheadPolicy(0, 10))
                    .withMessage(
                            "invalid bulkhead policy: [value = 0 is invalid; allowed: 1 or more]");
        }

        @Test
        void aWaitingTaskQueueBelowOneIsRejected() {
            assertThat(BulkheadPolicy.violations(10, 0))
                    .containsExactly(new Violation("waitingTaskQueue", "0", "1 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BulkheadPolicy(10, -3))
                    .withMessage(
                            "invalid bulkhead policy: [waitingTaskQueue = -3 is invalid; allowed: 1 or more]");
        }

        @Test
        void theSmallestLimitsAreAccepted() {
            assertThat(BulkheadPolicy.violations(1, 1)).isEmpty();
        }
    }

    @Nested
    class RateLimitPolicies {

        @Test
        void aValueBelowOneIsRejected() {
            assertThat(RateLimitPolicy.violations(0, 1_000, 0, RateLimitType.FIXED))
                    .containsExactly(new Violation("value", "0", "1 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new RateLimitPolicy(0, 1_000, 0, RateLimitType.FIXED))
                    .withMessage(
                            "invalid rate limit policy: [value = 0 is invalid; allowed: 1 or more]");
        }

        @Test
        void aWindowBelowOneNanosecondIsRejected() {
            assertThat(RateLimitPolicy.violations(10, 0, 0, RateLimitType.ROLLING))
                    .containsExactly(new Violation("window", "0 ns", "1 ns or more"));
            assertThat(RateLimitPolicy.violations(10, -5, 0, RateLimitType.ROLLING))
                    .containsExactly(new Violation("window", "-5 ns", "1 ns or more"));
        }

        @Test
        void aNegativeMinSpacingIsRejected() {
            assertThat(RateLimitPolicy.violations(10, 1_000, -1, RateLimitType.SMOOTH))
                    .containsExactly(
                            new Violation("minSpacing", "-1 ns", "0 (no minimum) or more"));
        }

        @Test
        void aMissingTypeIsRejected() {
            assertThat(RateLimitPolicy.violations(10, 1_000, 0, null))
                    .containsExactly(new Violation("type", "null", "FIXED, ROLLING or SMOOTH"));
        }

        @Test
        void everyViolationIsReportedAtOnce() {
            assertThat(RateLimitPolicy.violations(-1, 0, -1, null))
                    .extracting(Violation::parameter)
                    .containsExactly("value", "window", "minSpacing", "type");
        }

        @Test
        void theSmallestValuesAreAccepted() {
            assertThat(RateLimitPolicy.violations(1, 1, 0, RateLimitType.FIXED)).isEmpty();
            assertThat(
                            RateLimitPolicy.violations(
                                    Integer.MAX_VALUE,
                                    Long.MAX_VALUE,
                                    Long.MAX_VALUE,
                                    RateLimitType.SMOOTH))
                    .isEmpty();
        }
    }

    @Test
    void aViolationReadsAsParameterValueAndWhatIsAllowed() {
        assertThat(new Violation("value", "0", "1 or more"))
                .hasToString("value = 0 is invalid; allowed: 1 or more");
    }

    @Nested
    class ExceptionPredicates {

        @Test
        void anIncludedTypeMatchesItselfAndItsSubclasses() {
            ExceptionPredicate predicate =
                    ExceptionPredicate.of(List.of(java.io.IOException.class), List.of());

            assertThat(predicate.test(new java.io.IOException())).isTrue();
            assertThat(predicate.test(new java.io.FileNotFoundException())).isTrue();
            assertThat(predicate.test(new RuntimeException())).isFalse();
            assertThat(predicate.test(new Exception())).as("a superclass").isFalse();
        }

        @Test
        void exclusionWinsOverInclusion() {
            ExceptionPredicate predicate =
                    ExceptionPredicate.of(
                            List.of(Exception.class), List.of(java.io.IOException.class));

            assertThat(predicate.test(new java.io.FileNotFoundException())).isFalse();
            assertThat(predicate.test(new java.io.IOException())).isFalse();
            assertThat(predicate.test(new IllegalStateException())).isTrue();
        }

        @Test
        void exclusionWinsEvenWhenTheSameTypeIsIncluded() {
            ExceptionPredicate predicate =
                    ExceptionPredicate.of(
                            List.of(IllegalStateException.class),
                            List.of(IllegalStateException.class));

            assertThat(predicate.test(new IllegalStateException())).isFalse();
        }

        @Test
        void anExcludedSuperclassExcludesItsSubclassesEvenWhenTheyAreIncluded() {
            ExceptionPredicate predicate =
                    ExceptionPredicate.of(
                            List.of(java.io.FileNotFoundException.class),
                            List.of(java.io.IOException.class));

            assertThat(predicate.test(new java.io.FileNotFoundException())).isFalse();
        }

        @Test
        void nothingMatchesAnEmptyInclusion() {
            ExceptionPredicate predicate = ExceptionPredicate.of(List.of(), List.of());

            assertThat(predicate.test(new RuntimeException())).isFalse();
            assertThat(predicate.test(new Error())).isFalse();
        }

        @Test
        void allMatchesEveryThrowableIncludingErrors() {
            assertThat(ExceptionPredicate.all().test(new Exception())).isTrue();
            assertThat(ExceptionPredicate.all().test(new OutOfMemoryError())).isTrue();
            assertThat(ExceptionPredicate.all().test(new Throwable())).isTrue();
        }
    }
}
