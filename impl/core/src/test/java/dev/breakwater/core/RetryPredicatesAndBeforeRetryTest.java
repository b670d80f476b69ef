package dev.breakwater.core;

import static dev.breakwater.core.Gate.PATIENCE_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A retry policy that retries on results and on a predicate over failures, and the action run before each retry:
 * on the synchronous and the asynchronous path.
 */
class RetryPredicatesAndBeforeRetryTest {

    private static final Predicate<Object> IS_NULL = Objects::isNull;

    private final ThreadPools threads = ThreadPools.create("retry-predicates-test");
    private final AtomicLong now = new AtomicLong();
    private final List<Throwable> beforeRetries = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void closeThreads() {
        threads.close();
    }

    private static RetryPolicy retryingNull(int maxRetries) {
        return new RetryPolicy(
                maxRetries, 0, 0, 0, ExceptionPredicate.all(), Backoff.CONSTANT, IS_NULL);
    }

    private PipelineBuilder<Callable<Object>> sync(RetryPolicy policy) {
        return Pipeline.<Callable<Object>>builder("op", Callable::call)
                .retry(policy)
                .ticker(now::get)
                .beforeRetry((context, lastFailure) -> beforeRetries.add(lastFailure));
    }

    private PipelineBuilder<Callable<Object>> async(RetryPolicy policy) {
        return sync(policy).asynchronous(AsyncMode.COMPLETION_STAGE);
    }

    /** @return the value of attempt n (from 1) in {@code values}, the last one after that */
    private static Callable<Object> returning(AtomicInteger attempts, Object... values) {
        return () -> values[Math.min(attempts.incrementAndGet(), values.length) - 1];
    }

    @SuppressWarnings("unchecked")
    private static Object outcome(Object returned) throws Exception {
        return ((CompletionStage<Object>) returned)
                .toCompletableFuture()
                .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    private static Throwable failure(Object returned) throws Exception {
        try {
            return new AssertionError("expected a failure, got " + outcome(returned));
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Nested
    class Synchronous {

        @Test
        void aResultThePolicyRetriesIsRetriedUntilOneItDoesNotRetry() throws Exception {
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    sync(retryingNull(5))
                            .build(threads)
                            .call(returning(attempts, null, null, "ok"));

            assertThat(result).isEqualTo("ok");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void whenNoRetryIsLeftForARetriedResultTheCallFailsWithRetriesExhausted() {
            AtomicInteger attempts = new AtomicInteger();
            Pipeline<Callable<Object>> pipeline = sync(retryingNull(2)).build(threads);

            assertThatThrownBy(() -> pipeline.call(returning(attempts, (Object) null)))
                    .isInstanceOf(RetriesExhausted.class)
                    .hasMessage("op reached its maximum retries on a result that is retried");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void whenTheDurationRunsOutOnARetriedResultTheCallFailsWithRetriesExhausted() {
            AtomicInteger attempts = new AtomicInteger();
            RetryPolicy policy =
                    new RetryPolicy(
                            -1, 0, 100, 0, ExceptionPredicate.all(), Backoff.CONSTANT, IS_NULL);
            Pipeline<Callable<Object>> pipeline = sync(policy).build(threads);

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                attempts.incrementAndGet();
                                                now.addAndGet(40);
                                                return null;
                                            }))
                    .isInstanceOf(RetriesExhausted.class)
                    .hasMessage(
                            "op reached its maximum retry duration on a result that is retried");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void aFailureAfterRetriedResultsIsThrownAsItIs() {
            AtomicInteger attempts = new AtomicInteger();
            IOException last = new IOException("last");
            Pipeline<Callable<Object>> pipeline = sync(retryingNull(1)).build(threads);

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                if (attempts.incrementAndGet() == 1) {
                                                    return null;
                                                }
                                                throw last;
                                            }))
                    .isSameAs(last);
        }

        @Test
        void aPredicateOverFailuresDecidesWhichAreRetried() {
            AtomicInteger attempts = new AtomicInteger();
            Predicate<Throwable> onlyIllegalState =
                    failure -> failure instanceof IllegalStateException;
            Pipeline<Callable<Object>> pipeline =
                    sync(new RetryPolicy(5, 0, 0, 0, onlyIllegalState)).build(threads);
            IllegalArgumentException notRetried = new IllegalArgumentException("third");

            assertThatThrownBy(
                            () ->
                                    pipeline.call(
                                            () -> {
                                                if (attempts.incrementAndGet() < 3) {
                                                    throw new IllegalStateException("retried");
                                                }
                                                throw notRetried;
                                            }))
                    .isSameAs(notRetried);
            assertThat(attempts).hasValue(3);
        }

        @Test
        void theActionRunsBeforeEachRetryWithTheLastFailureAndNotBeforeTheFirstAttempt()
                throws Exception {
            AtomicInteger attempts = new AtomicInteger();
            IOException first = new IOException("first");

            Object result =
                    sync(retryingNull(5))
                            .build(threads)
                            .call(
                                    () -> {
                                        int attempt = attempts.incrementAndGet();
                                        if (attempt == 1) {
                                            throw first;
                                        }
                                        return attempt == 2 ? null : "ok";
                                    });

            assertThat(result).isEqualTo("ok");
            assertThat(beforeRetries).containsExactly(first, null);
        }

        @Test
        void aSuccessAtTheFirstAttemptRunsNoAction() throws Exception {
            sync(retryingNull(5)).build(threads).call(() -> "ok");

            assertThat(beforeRetries).isEmpty();
        }

        @Test
        void anActionThatThrowsDoesNotEndTheRetries() throws Exception {
            AtomicInteger attempts = new AtomicInteger();
            AtomicInteger actions = new AtomicInteger();
            Pipeline<Callable<Object>> pipeline =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .retry(retryingNull(5))
                            .beforeRetry(
                                    (context, lastFailure) -> {
                                        actions.incrementAndGet();
                                        throw new IllegalStateException("broken action");
                                    })
                            .build(threads);

            assertThat(pipeline.call(returning(attempts, null, null, "ok"))).isEqualTo("ok");
            assertThat(actions).hasValue(2);
        }

        @Test
        void anActionWithoutARetryPolicyIsRefusedWhenBuilding() {
            PipelineBuilder<Callable<Object>> builder =
                    Pipeline.<Callable<Object>>builder("op", Callable::call)
                            .beforeRetry((context, lastFailure) -> {});

            assertThatThrownBy(() -> builder.build(threads))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "beforeRetry was set for op, a pipeline without a retry policy");
        }
    }

    @Nested
    class Asynchronous {

        @Test
        void aResultThePolicyRetriesIsRetriedUntilOneItDoesNotRetry() throws Exception {
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    async(retryingNull(5))
                            .build(threads)
                            .call(
                                    () ->
                                            CompletableFuture.completedFuture(
                                                    attempts.incrementAndGet() < 3 ? null : "ok"));

            assertThat(outcome(result)).isEqualTo("ok");
            assertThat(attempts).hasValue(3);
            assertThat(beforeRetries).containsExactly(null, null);
        }

        @Test
        void whenNoRetryIsLeftForARetriedResultTheCallFailsWithRetriesExhausted() throws Exception {
            AtomicInteger attempts = new AtomicInteger();

            Object result =
                    async(retryingNull(2))
                            .build(threads)
                            .call(
                                    () -> {
                                        attempts.incrementAndGet();
                                        return CompletableFuture.completedFuture(null);
                                    });

            assertThat(failure(result))
                    .isInstanceOf(RetriesExhausted.class)
                    .hasMessage("op reached its maximum retries on a result that is retried");
            assertThat(attempts).hasValue(3);
        }

        @Test
        void theActionRunsBeforeEachRetryWithTheLastFailure() throws Exception {
            AtomicInteger attempts = new AtomicInteger();
            IOException failure = new IOException("failed");

            Object result =
                    async(retryingNull(5))
                            .build(threads)
                            .call(
                                    () ->
                                            attempts.incrementAndGet() < 3
                                                    ? CompletableFuture.failedFuture(failure)
                                                    : CompletableFuture.completedFuture("ok"));

            assertThat(outcome(result)).isEqualTo("ok");
            assertThat(beforeRetries).containsExactly(failure, failure);
        }

        @Test
        void aResultPredicateThatThrowsEndsTheCallWithItsException() throws Exception {
            IllegalStateException broken = new IllegalStateException("broken predicate");
            RetryPolicy policy =
                    new RetryPolicy(
                            5,
                            0,
                            0,
                            0,
                            ExceptionPredicate.all(),
                            Backoff.CONSTANT,
                            value -> {
                                throw broken;
                            });

            Object result =
                    async(policy)
                            .build(threads)
                            .call(() -> CompletableFuture.completedFuture("ok"));

            assertThat(failure(result)).isSameAs(broken);
        }
    }
}
