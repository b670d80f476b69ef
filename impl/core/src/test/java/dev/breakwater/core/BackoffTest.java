package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The pause before each retry for every backoff, as SmallRye Fault Tolerance documents {@code @ExponentialBackoff},
 * {@code @FibonacciBackoff} and {@code @CustomBackoff}: the retry delay is the first pause, jitter is added to each
 * pause of the built-in backoffs, and the result is kept between 0 and {@code maxDelay} (0 meaning no limit).
 */
class BackoffTest {

    private static final ExceptionPredicate ALL = ExceptionPredicate.all();
    private static final Throwable FAILURE = new IOException("failed attempt");

    private static List<Long> firstPauses(int count, RetryPolicy policy) {
        BackoffStrategy callStrategy = policy.startPauses();
        return IntStream.range(0, count)
                .mapToObj(retry -> policy.nextDelayNanos(retry, FAILURE, callStrategy))
                .toList();
    }

    private static RetryPolicy retry(long delayNanos, Backoff backoff) {
        return new RetryPolicy(-1, delayNanos, 0, 0, ALL, backoff);
    }

    @Nested
    class Constant {

        @Test
        void pausesTheDelayBeforeEveryRetry() {
            assertThat(firstPauses(4, retry(100, Backoff.CONSTANT)))
                    .containsExactly(100L, 100L, 100L, 100L);
        }

        @Test
        void isWhatAPolicyWithoutABackoffUses() {
            assertThat(new RetryPolicy(3, 100, 0, 0, ALL).backoff()).isSameAs(Backoff.CONSTANT);
        }

        @Test
        void addsTheJitterAndNeverGoesBelowZero() {
            assertThat(Backoff.Constant.pauseNanos(100, 30)).isEqualTo(130);
            assertThat(Backoff.Constant.pauseNanos(100, -30)).isEqualTo(70);
            assertThat(Backoff.Constant.pauseNanos(100, -300)).isZero();
            assertThat(Backoff.Constant.pauseNanos(Long.MAX_VALUE, 5)).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class Exponential {

        @Test
        void multipliesThePauseByTheFactorBeforeEachRetry() {
            assertThat(firstPauses(6, retry(100, new Backoff.Exponential(2, 0))))
                    .containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L);
            assertThat(firstPauses(4, retry(100, new Backoff.Exponential(3, 0))))
                    .containsExactly(100L, 300L, 900L, 2_700L);
        }

        @Test
        void neverPausesLongerThanMaxDelay() {
            assertThat(firstPauses(7, retry(100, new Backoff.Exponential(2, 1_000))))
                    .containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L, 1_000L);
        }

        @Test
        void withAFactorOfOneIsConstant() {
            assertThat(firstPauses(4, retry(100, new Backoff.Exponential(1, 1_000))))
                    .containsExactly(100L, 100L, 100L, 100L);
        }

        @Test
        void withoutADelayNeverPauses() {
            assertThat(firstPauses(4, retry(0, new Backoff.Exponential(2, 1_000))))
                    .containsOnly(0L);
        }

        @Test
        void growsWithoutLimitWhenMaxDelayIsZeroButNeverWrapsAround() {
            Backoff.Exponential unlimited = new Backoff.Exponential(2, 0);

            assertThat(unlimited.pauseNanos(1, 62, 0)).isEqualTo(1L << 62);
            assertThat(unlimited.pauseNanos(1, 63, 0)).isEqualTo(Long.MAX_VALUE);
            assertThat(unlimited.pauseNanos(1, Integer.MAX_VALUE, 0)).isEqualTo(Long.MAX_VALUE);
            assertThat(unlimited.pauseNanos(1, Integer.MAX_VALUE, 7)).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void addsTheJitterToEachPauseBeforeTheLimitsApply() {
            Backoff.Exponential backoff = new Backoff.Exponential(2, 1_000);

            assertThat(backoff.pauseNanos(100, 3, -50)).as("800 - 50").isEqualTo(750);
            assertThat(backoff.pauseNanos(100, 3, 50)).as("800 + 50").isEqualTo(850);
            assertThat(backoff.pauseNanos(100, 4, -50))
                    .as("1600 - 50, then the maximum")
                    .isEqualTo(1_000);
            assertThat(backoff.pauseNanos(100, 0, -500)).as("100 - 500, then 0").isZero();
            assertThat(backoff.pauseNanos(900, 0, 200))
                    .as("the first pause is limited too")
                    .isEqualTo(1_000);
        }
    }

    @Nested
    class Fibonacci {

        @Test
        void followsTheFibonacciSequenceFromTheDelay() {
            assertThat(firstPauses(8, retry(100, new Backoff.Fibonacci(0))))
                    .containsExactly(100L, 200L, 300L, 500L, 800L, 1_300L, 2_100L, 3_400L);
        }

        @Test
        void neverPausesLongerThanMaxDelay() {
            assertThat(firstPauses(8, retry(100, new Backoff.Fibonacci(1_000))))
                    .containsExactly(100L, 200L, 300L, 500L, 800L, 1_000L, 1_000L, 1_000L);
            assertThat(firstPauses(2, retry(400, new Backoff.Fibonacci(500))))
                    .as("the second pause, twice the delay, is limited too")
                    .containsExactly(400L, 500L);
        }

        @Test
        void withoutADelayNeverPauses() {
            assertThat(firstPauses(4, retry(0, new Backoff.Fibonacci(1_000)))).containsOnly(0L);
        }

        @Test
        void growsWithoutLimitWhenMaxDelayIsZeroButNeverWrapsAround() {
            Backoff.Fibonacci unlimited = new Backoff.Fibonacci(0);

            assertThat(unlimited.pauseNanos(1, 90, 0))
                    .as("F(92)")
                    .isEqualTo(7_540_113_804_746_346_429L);
            assertThat(unlimited.pauseNanos(1, 91, 0)).isEqualTo(Long.MAX_VALUE);
            assertThat(unlimited.pauseNanos(1, Integer.MAX_VALUE, 7)).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void addsTheJitterToEachPauseBeforeTheLimitsApply() {
            Backoff.Fibonacci backoff = new Backoff.Fibonacci(1_000);

            assertThat(backoff.pauseNanos(100, 3, -50)).as("500 - 50").isEqualTo(450);
            assertThat(backoff.pauseNanos(100, 5, -50))
                    .as("1300 - 50, then the maximum")
                    .isEqualTo(1_000);
            assertThat(backoff.pauseNanos(100, 1, -300)).as("200 - 300, then 0").isZero();
        }
    }

    @Nested
    class Custom {

        /** Records what the engine asks of it and answers with pauses the test chooses. */
        static final class Recording implements BackoffStrategy {
            final List<Object> calls = new ArrayList<>();
            final long[] answers;
            int next;

            Recording(long... answers) {
                this.answers = answers;
            }

            @Override
            public void init(long initialDelayNanos) {
                calls.add("init " + initialDelayNanos);
            }

            @Override
            public long nextDelayNanos(Throwable failure) {
                calls.add(failure);
                return answers[next++];
            }
        }

        @Test
        void getsItsOwnStrategyForEachCallInitialisedWithTheDelay() {
            List<Recording> created = new ArrayList<>();
            RetryPolicy policy =
                    retry(
                            100,
                            new Backoff.Custom(
                                    () -> {
                                        Recording strategy = new Recording(5, 50, 500);
                                        created.add(strategy);
                                        return strategy;
                                    }));

            assertThat(firstPauses(3, policy)).containsExactly(5L, 50L, 500L);
            assertThat(firstPauses(2, policy)).containsExactly(5L, 50L);
            assertThat(created).hasSize(2);
            assertThat(created.get(0).calls).containsExactly("init 100", FAILURE, FAILURE, FAILURE);
        }

        @Test
        void aPauseOfZeroOrLessMeansNone() {
            RetryPolicy policy = retry(100, new Backoff.Custom(() -> new Recording(0, -20, 7)));

            assertThat(firstPauses(3, policy)).containsExactly(0L, 0L, 7L);
        }

        @Test
        void noJitterApplies() {
            RetryPolicy policy =
                    new RetryPolicy(
                            -1, 100, 0, 1_000, ALL, new Backoff.Custom(() -> failure -> 42));

            assertThat(firstPauses(50, policy)).containsOnly(42L);
        }

        @Test
        void builtInBackoffsNeedNoStateForACall() {
            assertThat(retry(100, Backoff.CONSTANT).startPauses()).isNull();
            assertThat(retry(100, new Backoff.Exponential(2, 0)).startPauses()).isNull();
            assertThat(retry(100, new Backoff.Fibonacci(0)).startPauses()).isNull();
        }
    }

    @Nested
    class Validation {

        @Test
        void anExponentialFactorBelowOneIsRejected() {
            assertThat(Backoff.Exponential.violations(0, 1_000))
                    .containsExactly(new Violation("factor", "0", "1 or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Backoff.Exponential(0, 1_000))
                    .withMessage(
                            "invalid exponential backoff: [factor = 0 is invalid; allowed: 1 or more]");
        }

        @Test
        void aNegativeMaxDelayIsRejected() {
            assertThat(Backoff.Exponential.violations(2, -1))
                    .containsExactly(new Violation("maxDelay", "-1 ns", "0 (no limit) or more"));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Backoff.Fibonacci(-1))
                    .withMessage(
                            "invalid Fibonacci backoff: [maxDelay = -1 ns is invalid; allowed: 0 (no limit) or more]");
        }

        @Test
        void aMaxDelayNotLongerThanTheDelayIsRejected() {
            assertThat(RetryPolicy.violations(3, 1_000, 0, 0, new Backoff.Exponential(2, 1_000)))
                    .containsExactly(
                            new Violation(
                                    "maxDelay", "1000 ns", "0 (no limit) or longer than delay"));
            assertThat(RetryPolicy.violations(3, 1_000, 0, 0, new Backoff.Fibonacci(999)))
                    .containsExactly(
                            new Violation(
                                    "maxDelay", "999 ns", "0 (no limit) or longer than delay"));
            assertThatIllegalArgumentException()
                    .isThrownBy(
                            () -> new RetryPolicy(3, 1_000, 0, 0, ALL, new Backoff.Fibonacci(500)))
                    .withMessageContaining(
                            "maxDelay = 500 ns is invalid; allowed: 0 (no limit) or longer than delay");
        }

        @Test
        void aMaxDelayOfZeroMeansNoLimitWhateverTheDelay() {
            assertThat(RetryPolicy.violations(3, 1_000, 0, 0, new Backoff.Exponential(2, 0)))
                    .isEmpty();
            assertThat(RetryPolicy.violations(3, 1_000, 0, 0, new Backoff.Fibonacci(0))).isEmpty();
        }

        @Test
        void theRetryRulesStillApplyWithABackoff() {
            assertThat(RetryPolicy.violations(-2, -1, 0, 0, new Backoff.Exponential(2, 1_000)))
                    .extracting(Violation::parameter)
                    .containsExactly("maxRetries", "delay");
        }

        @Test
        void aPolicyNeedsABackoff() {
            assertThatNullPointerException()
                    .isThrownBy(() -> new RetryPolicy(3, 0, 0, 0, ALL, null))
                    .withMessage("backoff");
        }
    }
}
