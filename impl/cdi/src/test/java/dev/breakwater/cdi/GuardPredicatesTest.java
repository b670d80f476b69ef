package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The predicates and the before-retry action of SmallRye's {@code Guard} and {@code TypedGuard} builders, as
 * SmallRye's javadoc defines them: {@code whenResult}, {@code whenException} and {@code beforeRetry} of the retry,
 * {@code when} of the circuit breaker and of the fallback, each for synchronous and {@code CompletionStage} calls,
 * and the combinations SmallRye rejects.
 */
class GuardPredicatesTest {

    private static final TypeLiteral<CompletionStage<String>> STAGE = new TypeLiteral<>() {};

    private static Guard.Builder.RetryBuilder retry(int maxRetries) {
        return Guard.create().withRetry().maxRetries(maxRetries).jitter(0, ChronoUnit.MILLIS);
    }

    @Nested
    class WhenResult {

        @Test
        void aResultThePredicateMatchesIsRetriedUntilOneItDoesNot() throws Exception {
            Guard guard = retry(5).whenResult(result -> "not ready".equals(result)).done().build();
            AtomicInteger calls = new AtomicInteger();

            String result =
                    guard.call(
                            () -> calls.incrementAndGet() < 3 ? "not ready" : "ready",
                            String.class);

            assertThat(result).isEqualTo("ready");
            assertThat(calls).hasValue(3);
        }

        @Test
        void aMatchedResultWithNoRetryLeftFailsTheCall() {
            Guard guard = retry(2).whenResult(result -> result == null).done().build();
            AtomicInteger calls = new AtomicInteger();

            Throwable failure =
                    catchThrowable(
                            () ->
                                    guard.call(
                                            () -> {
                                                calls.incrementAndGet();
                                                return null;
                                            },
                                            String.class));

            assertThat(failure).isInstanceOf(FaultToleranceException.class);
            assertThat(calls).hasValue(3);
        }

        @Test
        void aStagesResultThePredicateMatchesIsRetried() {
            TypedGuard<CompletionStage<String>> guard =
                    TypedGuard.create(STAGE)
                            .withRetry()
                            .maxRetries(5)
                            .jitter(0, ChronoUnit.MILLIS)
                            .whenResult("not ready"::equals)
                            .done()
                            .build();
            AtomicInteger calls = new AtomicInteger();

            CompletionStage<String> result =
                    guard.get(
                            () ->
                                    CompletableFuture.completedFuture(
                                            calls.incrementAndGet() < 3 ? "not ready" : "ready"));

            assertThat(result.toCompletableFuture().join()).isEqualTo("ready");
            assertThat(calls).hasValue(3);
        }
    }

    @Nested
    class WhenException {

        @Test
        void onlyFailuresThePredicateMatchesAreRetried() {
            Guard guard =
                    retry(5).whenException(failure -> failure.getMessage().startsWith("transient"))
                            .done()
                            .build();
            AtomicInteger calls = new AtomicInteger();

            Throwable failure =
                    catchThrowable(
                            () ->
                                    guard.call(
                                            () -> {
                                                throw calls.incrementAndGet() < 3
                                                        ? new IllegalStateException(
                                                                "transient " + calls)
                                                        : new IllegalStateException("permanent");
                                            },
                                            String.class));

            assertThat(failure)
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("permanent");
            assertThat(calls).hasValue(3);
        }

        @Test
        void thePredicateReplacesTheDefaultRetryOnSoAnErrorIsRetriedToo() throws Exception {
            Guard guard =
                    retry(5).whenException(failure -> failure instanceof StackOverflowError)
                            .done()
                            .build();
            AtomicInteger calls = new AtomicInteger();

            String result =
                    guard.call(
                            () -> {
                                if (calls.incrementAndGet() < 2) {
                                    throw new StackOverflowError("deep");
                                }
                                return "ok";
                            },
                            String.class);

            assertThat(result).isEqualTo("ok");
            assertThat(calls).hasValue(2);
        }

        @Test
        void aFailedStageIsGivenToThePredicateAsItFailed() {
            List<Throwable> seen = new CopyOnWriteArrayList<>();
            TypedGuard<CompletionStage<String>> guard =
                    TypedGuard.create(STAGE)
                            .withRetry()
                            .maxRetries(5)
                            .jitter(0, ChronoUnit.MILLIS)
                            .whenException(
                                    failure -> {
                                        seen.add(failure);
                                        return failure instanceof IOException;
                                    })
                            .done()
                            .build();
            AtomicInteger calls = new AtomicInteger();

            CompletionStage<String> result =
                    guard.get(
                            () ->
                                    calls.incrementAndGet() < 3
                                            ? CompletableFuture.failedFuture(
                                                    new IOException("flaky"))
                                            : CompletableFuture.failedFuture(
                                                    new IllegalStateException("down")));

            assertThatThrownBy(() -> result.toCompletableFuture().join())
                    .cause()
                    .isExactlyInstanceOf(IllegalStateException.class);
            assertThat(calls).hasValue(3);
            assertThat(seen)
                    .hasSize(3)
                    .extracting(Throwable::getClass)
                    .containsExactly(
                            IOException.class, IOException.class, IllegalStateException.class);
        }
    }

    @Nested
    class BeforeRetry {

        @Test
        void theActionIsGivenEachFailureBeforeItsRetryButNothingBeforeTheFirstAttempt()
                throws Exception {
            List<String> told = new ArrayList<>();
            AtomicInteger calls = new AtomicInteger();
            Guard guard =
                    retry(5).beforeRetry(
                                    failure ->
                                            told.add(
                                                    failure.getMessage()
                                                            + " before call "
                                                            + (calls.get() + 1)))
                            .done()
                            .build();

            String result =
                    guard.call(
                            () -> {
                                if (calls.incrementAndGet() < 3) {
                                    throw new IOException("failure " + calls);
                                }
                                return "ok";
                            },
                            String.class);

            assertThat(result).isEqualTo("ok");
            assertThat(told).containsExactly("failure 1 before call 2", "failure 2 before call 3");
        }

        @Test
        void aRunnableRunsBeforeEachRetryOfAStage() {
            AtomicInteger retriesPrepared = new AtomicInteger();
            TypedGuard<CompletionStage<String>> guard =
                    TypedGuard.create(STAGE)
                            .withRetry()
                            .maxRetries(2)
                            .jitter(0, ChronoUnit.MILLIS)
                            .beforeRetry(retriesPrepared::incrementAndGet)
                            .done()
                            .build();

            CompletionStage<String> result =
                    guard.get(() -> CompletableFuture.failedFuture(new IOException("down")));

            assertThatThrownBy(() -> result.toCompletableFuture().join())
                    .cause()
                    .isExactlyInstanceOf(IOException.class);
            assertThat(retriesPrepared).hasValue(2);
        }

        @Test
        void aRetriedResultGivesTheActionNoFailure() throws Exception {
            List<Throwable> told = new ArrayList<>();
            AtomicInteger calls = new AtomicInteger();
            Guard guard =
                    retry(5).whenResult(result -> result == null)
                            .beforeRetry(told::add)
                            .done()
                            .build();

            String result =
                    guard.call(() -> calls.incrementAndGet() < 2 ? null : "ok", String.class);

            assertThat(result).isEqualTo("ok");
            assertThat(told).containsExactly((Throwable) null);
        }

        @Test
        void anActionThatThrowsDoesNotStopTheRetry() throws Exception {
            AtomicInteger calls = new AtomicInteger();
            Guard guard =
                    retry(5).beforeRetry(
                                    () -> {
                                        throw new IllegalStateException("the reset failed");
                                    })
                            .done()
                            .build();

            String result =
                    guard.call(
                            () -> {
                                if (calls.incrementAndGet() < 2) {
                                    throw new IOException("flaky");
                                }
                                return "ok";
                            },
                            String.class);

            assertThat(result).isEqualTo("ok");
            assertThat(calls).hasValue(2);
        }
    }

    @Nested
    class BreakerWhen {

        private static Guard breakerOnIoFailures() {
            return Guard.create()
                    .withCircuitBreaker()
                    .requestVolumeThreshold(2)
                    .failureRatio(1.0)
                    .delay(1, ChronoUnit.HOURS)
                    .when(failure -> failure instanceof IOException)
                    .done()
                    .build();
        }

        @Test
        void failuresThePredicateRejectsCountAsSuccesses() throws Exception {
            Guard guard = breakerOnIoFailures();
            AtomicInteger calls = new AtomicInteger();

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(
                                () ->
                                        guard.call(
                                                () -> {
                                                    calls.incrementAndGet();
                                                    throw new IllegalStateException(
                                                            "not a breaker failure");
                                                },
                                                String.class))
                        .isExactlyInstanceOf(IllegalStateException.class);
            }

            assertThat(guard.call(() -> "still closed " + calls.incrementAndGet(), String.class))
                    .isEqualTo("still closed 4");
        }

        @Test
        void failuresThePredicateMatchesOpenTheBreaker() {
            Guard guard = breakerOnIoFailures();
            AtomicInteger calls = new AtomicInteger();

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(
                                () ->
                                        guard.call(
                                                () -> {
                                                    calls.incrementAndGet();
                                                    throw new IOException("down");
                                                },
                                                String.class))
                        .isExactlyInstanceOf(IOException.class);
            }

            assertThatThrownBy(
                            () ->
                                    guard.call(
                                            () -> "never " + calls.incrementAndGet(), String.class))
                    .isExactlyInstanceOf(CircuitBreakerOpenException.class);
            assertThat(calls).hasValue(2);
        }

        @Test
        void failedStagesThePredicateMatchesOpenTheBreakerAndTheOthersDoNot() {
            TypedGuard<CompletionStage<String>> guard =
                    TypedGuard.create(STAGE)
                            .withCircuitBreaker()
                            .requestVolumeThreshold(2)
                            .failureRatio(1.0)
                            .delay(1, ChronoUnit.HOURS)
                            .when(failure -> failure instanceof IOException)
                            .done()
                            .build();
            AtomicInteger calls = new AtomicInteger();

            for (int i = 0; i < 2; i++) {
                guard.get(
                        () -> {
                            calls.incrementAndGet();
                            return CompletableFuture.failedFuture(
                                    new IllegalStateException("skipped"));
                        });
            }
            String closed =
                    guard.get(() -> CompletableFuture.completedFuture("closed"))
                            .toCompletableFuture()
                            .join();
            for (int i = 0; i < 2; i++) {
                guard.get(
                        () -> {
                            calls.incrementAndGet();
                            return CompletableFuture.failedFuture(new IOException("down"));
                        });
            }
            CompletionStage<String> refused =
                    guard.get(() -> CompletableFuture.completedFuture("never"));

            assertThat(closed).isEqualTo("closed");
            assertThatThrownBy(() -> refused.toCompletableFuture().join())
                    .cause()
                    .isExactlyInstanceOf(CircuitBreakerOpenException.class);
            assertThat(calls).hasValue(4);
        }
    }

    @Nested
    class FallbackWhen {

        @Test
        void theFallbackHandlesOnlyFailuresThePredicateMatches() {
            TypedGuard<String> guard =
                    TypedGuard.create(String.class)
                            .withFallback()
                            .handler(failure -> "fallback for " + failure.getMessage())
                            .when(failure -> failure.getMessage().startsWith("known"))
                            .done()
                            .build();

            assertThat(
                            guard.get(
                                    () -> {
                                        throw new IllegalStateException("known outage");
                                    }))
                    .isEqualTo("fallback for known outage");
            assertThatThrownBy(
                            () ->
                                    guard.get(
                                            () -> {
                                                throw new IllegalStateException("bug");
                                            }))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("bug");
        }

        @Test
        void aFailedStageFallsBackOnlyWhenThePredicateMatches() {
            TypedGuard<CompletionStage<String>> guard =
                    TypedGuard.create(STAGE)
                            .withFallback()
                            .handler(() -> CompletableFuture.completedFuture("fallback"))
                            .when(failure -> failure instanceof IOException)
                            .done()
                            .build();

            CompletionStage<String> handled =
                    guard.get(() -> CompletableFuture.failedFuture(new IOException("io")));
            CompletionStage<String> propagated =
                    guard.get(
                            () -> CompletableFuture.failedFuture(new IllegalStateException("bug")));

            assertThat(handled.toCompletableFuture().join()).isEqualTo("fallback");
            assertThatThrownBy(() -> propagated.toCompletableFuture().join())
                    .cause()
                    .isExactlyInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aPredicateBesideTheExceptionTypesItReplacesFailsTheBuildNamingBoth() {
        Throwable failure =
                catchThrowable(
                        () ->
                                TypedGuard.create(String.class)
                                        .withDescription("orders")
                                        .withRetry()
                                        .retryOn(IOException.class)
                                        .abortOn(
                                                List.of(
                                                        IllegalStateException.class,
                                                        IllegalArgumentException.class))
                                        .whenException(e -> true)
                                        .done()
                                        .withCircuitBreaker()
                                        .when(e -> true)
                                        .failOn(IOException.class)
                                        .done()
                                        .withFallback()
                                        .handler(() -> "fallback")
                                        .skipOn(IOException.class)
                                        .when(e -> true)
                                        .done()
                                        .build());

        assertThat(failure).isExactlyInstanceOf(FaultToleranceDefinitionException.class);
        assertThat(failure.getMessage())
                .contains(
                        "4 fault tolerance definition errors",
                        "Guard 'orders': withRetry() has both whenException(Predicate) and retryOn(IOException.class);"
                                + " allowed: one of them (the predicate alone decides which failures count)",
                        "Guard 'orders': withRetry() has both whenException(Predicate) and"
                                + " abortOn(IllegalStateException.class, IllegalArgumentException.class)",
                        "Guard 'orders': withCircuitBreaker() has both when(Predicate) and failOn(IOException.class)",
                        "Guard 'orders': withFallback() has both when(Predicate) and skipOn(IOException.class)");
    }

    @Test
    void whenResultNextToRetryOnIsAllowed() throws Exception {
        Guard guard =
                retry(5).retryOn(IOException.class)
                        .whenResult(result -> result == null)
                        .done()
                        .build();
        AtomicInteger calls = new AtomicInteger();

        String result =
                guard.call(
                        () ->
                                switch (calls.incrementAndGet()) {
                                    case 1 -> throw new IOException("flaky");
                                    case 2 -> null;
                                    default -> "ok";
                                },
                        String.class);

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }
}
