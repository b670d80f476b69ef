package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.FaultTolerance;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.SpiAccess;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * SmallRye's programmatic API ({@code Guard}, {@code TypedGuard}) on Breakwater's engine, outside any container,
 * as SmallRye's documentation describes it. Refusals are counted, not timed: windows and open delays are an hour.
 */
class GuardTest {

    @Test
    void theApiFindsBreakwatersServiceProvider() {
        assertThat(SpiAccess.get()).isInstanceOf(BreakwaterSpi.class);
    }

    @Test
    void aRetryingGuardCallsAgainUntilTheActionSucceeds() throws Exception {
        Guard guard =
                Guard.create()
                        .withRetry()
                        .maxRetries(3)
                        .jitter(0, ChronoUnit.MILLIS)
                        .done()
                        .build();
        AtomicInteger calls = new AtomicInteger();

        String result =
                guard.call(
                        () -> {
                            if (calls.incrementAndGet() < 3) {
                                throw new IOException("flaky");
                            }
                            return "ok";
                        },
                        String.class);

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aTypedGuardFallsBackOnceTheRetriesAreSpent() {
        AtomicInteger calls = new AtomicInteger();
        TypedGuard<String> guard =
                TypedGuard.create(String.class)
                        .withRetry()
                        .maxRetries(2)
                        .jitter(0, ChronoUnit.MILLIS)
                        .done()
                        .withFallback()
                        .handler(failure -> "fallback after " + failure.getMessage())
                        .done()
                        .build();

        String result =
                guard.get(
                        () -> {
                            calls.incrementAndGet();
                            throw new IllegalStateException("down");
                        });

        assertThat(result).isEqualTo("fallback after down");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aFallbackSkipsTheExceptionsOfSkipOn() {
        TypedGuard<String> guard =
                TypedGuard.create(String.class)
                        .withFallback()
                        .handler(() -> "fallback")
                        .skipOn(IllegalArgumentException.class)
                        .done()
                        .build();

        assertThatThrownBy(
                        () ->
                                guard.get(
                                        () -> {
                                            throw new IllegalArgumentException("bad input");
                                        }))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad input");
        assertThat(
                        guard.get(
                                () -> {
                                    throw new IllegalStateException("down");
                                }))
                .isEqualTo("fallback");
    }

    @Test
    void aRetryStopsAtAnAbortOnException() {
        Guard guard =
                Guard.create().withRetry().abortOn(IllegalArgumentException.class).done().build();
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                guard.get(
                                        () -> {
                                            calls.incrementAndGet();
                                            throw new IllegalArgumentException("bad input");
                                        },
                                        String.class))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aBreakerOpensAfterFailuresAndThenPreventsCalls() {
        List<CircuitBreakerState> states = new CopyOnWriteArrayList<>();
        AtomicInteger prevented = new AtomicInteger();
        Guard guard =
                Guard.create()
                        .withCircuitBreaker()
                        .requestVolumeThreshold(2)
                        .failureRatio(1.0)
                        .delay(1, ChronoUnit.HOURS)
                        .onStateChange(states::add)
                        .onPrevented(prevented::incrementAndGet)
                        .done()
                        .build();
        AtomicInteger calls = new AtomicInteger();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(
                            () ->
                                    guard.get(
                                            () -> {
                                                calls.incrementAndGet();
                                                throw new IllegalStateException("down");
                                            },
                                            String.class))
                    .isExactlyInstanceOf(IllegalStateException.class);
        }
        Throwable refused =
                catchThrowable(
                        () ->
                                guard.get(
                                        () -> "never run " + calls.incrementAndGet(),
                                        String.class));

        assertThat(refused).isExactlyInstanceOf(CircuitBreakerOpenException.class);
        assertThat(calls).hasValue(2);
        assertThat(states).containsExactly(CircuitBreakerState.OPEN);
        assertThat(prevented).hasValue(1);
    }

    @Test
    void allActionsOfOneGuardShareItsBreaker() {
        Guard guard =
                Guard.create()
                        .withCircuitBreaker()
                        .requestVolumeThreshold(1)
                        .failureRatio(1.0)
                        .delay(1, ChronoUnit.HOURS)
                        .done()
                        .build();
        assertThatThrownBy(
                        () ->
                                guard.get(
                                        () -> {
                                            throw new IllegalStateException("orders down");
                                        },
                                        String.class))
                .isExactlyInstanceOf(IllegalStateException.class);

        assertThatThrownBy(() -> guard.get(() -> 42, Integer.class))
                .isExactlyInstanceOf(CircuitBreakerOpenException.class);
        assertThat(
                        Guard.create()
                                .withCircuitBreaker()
                                .requestVolumeThreshold(1)
                                .done()
                                .build()
                                .get(() -> 42, Integer.class))
                .isEqualTo(42);
    }

    @Test
    void aFullBulkheadRefusesTheNextSynchronousCall() throws Exception {
        AtomicInteger rejected = new AtomicInteger();
        Guard guard =
                Guard.create()
                        .withBulkhead()
                        .limit(1)
                        .onRejected(rejected::incrementAndGet)
                        .done()
                        .build();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder =
                new Thread(
                        () ->
                                guard.get(
                                        () -> {
                                            inside.countDown();
                                            awaitQuietly(release);
                                            return "held";
                                        },
                                        String.class));
        holder.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        Throwable refused = catchThrowable(() -> guard.get(() -> "second", String.class));

        release.countDown();
        holder.join(10_000);
        assertThat(refused).isExactlyInstanceOf(BulkheadException.class);
        assertThat(rejected).hasValue(1);
        assertThat(guard.get(() -> "after", String.class)).isEqualTo("after");
    }

    @Test
    void aRateLimitRefusesCallsBeyondItsLimitWithTheTimeToWait() {
        AtomicInteger permitted = new AtomicInteger();
        Guard guard =
                Guard.create()
                        .withRateLimit()
                        .limit(2)
                        .window(1, ChronoUnit.HOURS)
                        .onPermitted(permitted::incrementAndGet)
                        .done()
                        .build();
        guard.get(() -> 1, Integer.class);
        guard.get(() -> 2, Integer.class);

        Throwable refused = catchThrowable(() -> guard.get(() -> 3, Integer.class));

        assertThat(refused).isExactlyInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) refused).getRetryAfterMillis()).isPositive();
        assertThat(permitted).hasValue(2);
    }

    @Test
    void aTimeoutInterruptsTheActionAndFailsWithTimeoutException() {
        AtomicInteger timedOut = new AtomicInteger();
        CountDownLatch interrupted = new CountDownLatch(1);
        Guard guard =
                Guard.create()
                        .withTimeout()
                        .duration(50, ChronoUnit.MILLIS)
                        .onTimeout(timedOut::incrementAndGet)
                        .done()
                        .build();

        Throwable failure =
                catchThrowable(
                        () ->
                                guard.call(
                                        () -> {
                                            try {
                                                new CountDownLatch(1).await(1, TimeUnit.HOURS);
                                            } catch (InterruptedException e) {
                                                interrupted.countDown();
                                            }
                                            return "late";
                                        },
                                        String.class));

        assertThat(failure).isExactlyInstanceOf(TimeoutException.class);
        assertThat(interrupted.getCount()).isZero();
        assertThat(timedOut).hasValue(1);
    }

    @Test
    void theCallbacksHearTheirEvents() {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Guard guard =
                Guard.create()
                        .withRetry()
                        .maxRetries(1)
                        .jitter(0, ChronoUnit.MILLIS)
                        .onRetry(() -> events.add("retry"))
                        .onSuccess(() -> events.add("retry success"))
                        .onFailure(() -> events.add("retry failure"))
                        .done()
                        .withCircuitBreaker()
                        .onSuccess(() -> events.add("breaker success"))
                        .onFailure(() -> events.add("breaker failure"))
                        .done()
                        .withTimeout()
                        .onFinished(() -> events.add("in time"))
                        .done()
                        .withBulkhead()
                        .onAccepted(() -> events.add("accepted"))
                        .onFinished(() -> events.add("left"))
                        .done()
                        .build();

        String result =
                guard.get(
                        () -> {
                            if (calls.incrementAndGet() == 1) {
                                throw new IllegalStateException("first attempt");
                            }
                            return "second attempt";
                        },
                        String.class);

        assertThat(result).isEqualTo("second attempt");
        assertThat(events)
                .containsExactly(
                        "accepted",
                        "left",
                        "in time",
                        "breaker failure",
                        "retry",
                        "accepted",
                        "left",
                        "in time",
                        "breaker success",
                        "retry success");
    }

    @Test
    void aCompletionStageActionStaysOnTheCallersThreadWithoutOffload() throws Exception {
        Guard guard = Guard.create().withRetry().done().build();

        CompletionStage<Thread> ranOn =
                guard.call(
                        () -> CompletableFuture.completedFuture(Thread.currentThread()),
                        new TypeLiteral<CompletionStage<Thread>>() {});

        assertThat(ranOn.toCompletableFuture().join()).isSameAs(Thread.currentThread());
    }

    @Test
    void anOffloadedCompletionStageActionRunsOnABreakwaterThread() throws Exception {
        Guard guard = Guard.create().withThreadOffload(true).build();

        CompletionStage<String> ranOn =
                guard.call(
                        () -> CompletableFuture.completedFuture(Thread.currentThread().getName()),
                        new TypeLiteral<CompletionStage<String>>() {});

        assertThat(ranOn.toCompletableFuture().get(10, TimeUnit.SECONDS)).startsWith("breakwater-");
    }

    @Test
    void anOffloadedActionRunsOnTheExecutorGiven() throws Exception {
        AtomicInteger tasks = new AtomicInteger();
        TypedGuard<CompletionStage<String>> guard =
                TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
                        .withThreadOffload(true)
                        .withThreadOffloadExecutor(
                                task -> {
                                    tasks.incrementAndGet();
                                    task.run();
                                })
                        .build();

        assertThat(
                        guard.call(() -> CompletableFuture.completedFuture("ran"))
                                .toCompletableFuture()
                                .join())
                .isEqualTo("ran");
        assertThat(tasks).hasValue(1);
    }

    @Test
    void aFailedStageIsRetriedAsAFailure() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Guard guard =
                Guard.create()
                        .withRetry()
                        .maxRetries(2)
                        .jitter(0, ChronoUnit.MILLIS)
                        .done()
                        .build();

        CompletionStage<String> result =
                guard.call(
                        () ->
                                calls.incrementAndGet() < 3
                                        ? CompletableFuture.failedFuture(new IOException("flaky"))
                                        : CompletableFuture.completedFuture("third time"),
                        new TypeLiteral<CompletionStage<String>>() {});

        assertThat(result.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("third time");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anAsynchronousBulkheadQueuesThenRefusesWithAFailedStage() {
        TypedGuard<CompletionStage<String>> guard =
                TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
                        .withBulkhead()
                        .limit(1)
                        .queueSize(1)
                        .done()
                        .build();
        CompletableFuture<String> running = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();

        CompletionStage<String> first =
                guard.get(
                        () -> {
                            started.incrementAndGet();
                            return running;
                        });
        CompletionStage<String> queued =
                guard.get(
                        () -> {
                            started.incrementAndGet();
                            return CompletableFuture.completedFuture("queued ran");
                        });
        CompletableFuture<String> refused =
                guard.get(() -> CompletableFuture.completedFuture("never")).toCompletableFuture();

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).cause().isExactlyInstanceOf(BulkheadException.class);
        assertThat(started).hasValue(1);
        running.complete("first ran");
        assertThat(first.toCompletableFuture().join()).isEqualTo("first ran");
        assertThat(queued.toCompletableFuture().join()).isEqualTo("queued ran");
    }

    @Test
    void anAsynchronousTypedGuardFallsBackWithAStage() {
        TypedGuard<CompletionStage<String>> guard =
                TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
                        .withFallback()
                        .handler(() -> CompletableFuture.completedFuture("fallback"))
                        .done()
                        .build();

        CompletionStage<String> result =
                guard.get(() -> CompletableFuture.failedFuture(new IOException("down")));

        assertThat(result.toCompletableFuture().join()).isEqualTo("fallback");
    }

    @Test
    void aSupplierFailureLeavesGetUnwrapped() {
        Guard guard = Guard.create().withRetry().maxRetries(0).done().build();

        assertThatThrownBy(
                        () ->
                                guard.get(
                                        () -> {
                                            throw new IllegalStateException("down");
                                        },
                                        String.class))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("down");
    }

    @Test
    void everyInvalidBuilderValueIsReportedAtBuildNamingTheCall() {
        Throwable failure =
                catchThrowable(
                        () ->
                                Guard.create()
                                        .withDescription("orders")
                                        .withRetry()
                                        .maxRetries(-2)
                                        .done()
                                        .withBulkhead()
                                        .limit(0)
                                        .done()
                                        .withRateLimit()
                                        .window(0, ChronoUnit.SECONDS)
                                        .done()
                                        .withCircuitBreaker()
                                        .failureRatio(1.5)
                                        .done()
                                        .build());

        assertThat(failure).isExactlyInstanceOf(FaultToleranceDefinitionException.class);
        assertThat(failure.getMessage())
                .contains(
                        "4 fault tolerance definition errors",
                        "Guard 'orders': withRetry().maxRetries(-2) is invalid; allowed: -1 (no limit) or more",
                        "Guard 'orders': withBulkhead().limit(0) is invalid; allowed: 1 or more",
                        "Guard 'orders': withRateLimit().window(0, SECONDS) is invalid; allowed: 1 ns or more",
                        "Guard 'orders': withCircuitBreaker().failureRatio(1.5) is invalid; allowed: 0 to 1 inclusive");
    }

    @Test
    void aCustomBackoffOnAnAsynchronousTypedGuardGivesEachRetryingCallItsOwnStrategy()
            throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        AtomicInteger strategies = new AtomicInteger();
        TypedGuard<CompletionStage<String>> guard =
                TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
                        .withRetry()
                        .maxRetries(3)
                        .delay(1, ChronoUnit.HOURS)
                        .maxDuration(2, ChronoUnit.HOURS)
                        .withCustomBackoff()
                        .strategy(
                                () -> {
                                    int strategy = strategies.incrementAndGet();
                                    return new CustomBackoffStrategy() {
                                        @Override
                                        public void init(long initialDelayInMillis) {
                                            asked.add(strategy + ": init " + initialDelayInMillis);
                                        }

                                        @Override
                                        public long nextDelayInMillis(Throwable cause) {
                                            asked.add(strategy + ": after " + cause.getMessage());
                                            return 0;
                                        }
                                    };
                                })
                        .done()
                        .done()
                        .build();
        AtomicInteger attempts = new AtomicInteger();

        // The strategy's pauses of 0 replace the retry's delay of an hour.
        String result =
                guard.get(
                                () ->
                                        attempts.incrementAndGet() < 3
                                                ? CompletableFuture.failedFuture(
                                                        new IOException(
                                                                "attempt " + attempts.get()))
                                                : CompletableFuture.completedFuture("third time"))
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
        String second =
                guard.get(() -> CompletableFuture.completedFuture("at once"))
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);

        assertThat(result).isEqualTo("third time");
        assertThat(second).isEqualTo("at once");
        assertThat(asked)
                .as("one strategy, for the call that retried")
                .containsExactly("1: init 3600000", "1: after attempt 1", "1: after attempt 2");
    }

    @Test
    void threadOffloadOnASynchronousTypedGuardIsAnError() {
        assertThatThrownBy(() -> TypedGuard.create(String.class).withThreadOffload(true).build())
                .isExactlyInstanceOf(FaultToleranceDefinitionException.class)
                .hasMessage(
                        "Guard: withThreadOffload(true) is set for a synchronous TypedGuard of java.lang.String,"
                                + " whose actions always run on the caller's thread; allowed only for CompletionStage");
    }

    @Test
    void twoBackoffsOnOneRetryAreAnError() {
        assertThatThrownBy(
                        () ->
                                Guard.create()
                                        .withRetry()
                                        .withExponentialBackoff()
                                        .done()
                                        .withFibonacciBackoff()
                                        .done()
                                        .done()
                                        .build())
                .isExactlyInstanceOf(FaultToleranceDefinitionException.class)
                .hasMessageContaining("withRetry() has both a exponential and a Fibonacci backoff");
    }

    @Test
    void aBreakerNameTakenByAnotherGuardFailsTheBuild() {
        Guard.create().withCircuitBreaker().name("guard-test-payments").done().build();

        assertThatThrownBy(
                        () ->
                                Guard.create()
                                        .withCircuitBreaker()
                                        .name("guard-test-payments")
                                        .done()
                                        .build())
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a circuit breaker is already named 'guard-test-payments'");
    }

    @Test
    void theDeprecatedFaultToleranceBuilderPointsToGuard() {
        assertThatThrownBy(FaultTolerance::create)
                .isExactlyInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("use Guard.create() or TypedGuard.create(...) instead");
    }

    @Test
    void maintenanceNeedsAContainer() {
        assertThatThrownBy(CircuitBreakerMaintenance::get)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("none is running");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
