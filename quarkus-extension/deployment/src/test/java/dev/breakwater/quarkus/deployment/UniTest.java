package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A method returning Mutiny's {@code Uni} is guarded like a {@code CompletionStage} method, without
 * {@code @Asynchronous}: a failed {@code Uni} counts as a failure, and nothing runs before subscription.
 */
class UniTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Reactive.class));

    @Inject Reactive reactive;

    @Test
    void retriesAFailedUniOnSubscription() {
        Uni<String> result = reactive.succeedsOnThirdAttempt();
        assertThat(reactive.attempts()).isZero();

        assertThat(result.await().atMost(WAIT)).isEqualTo("ok after 3");
    }

    @Test
    void timesOutAUniThatNeverCompletes() {
        assertThatThrownBy(() -> reactive.never().await().atMost(WAIT))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void fallsBackWithAUni() {
        assertThat(reactive.withFallback().await().atMost(WAIT)).isEqualTo("fallback");
    }

    @Test
    void circuitBreakerCountsFailedUnis() {
        assertThatThrownBy(() -> reactive.broken().await().atMost(WAIT))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reactive.broken().await().atMost(WAIT))
                .isInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void aBulkheadAdmitsSubscriptionsInOrderAndRefusesTheOneThatDidNotFitBeforeSubscribeReturns()
            throws Exception {
        for (int round = 0; round < 200; round++) {
            CompletableFuture<Integer> held = new CompletableFuture<>();
            Queue<Integer> ran = new ConcurrentLinkedQueue<>();
            CompletableFuture<Integer> first =
                    reactive.queueing(0, held, ran).subscribeAsCompletionStage();
            CompletableFuture<Integer> second =
                    reactive.queueing(1, held, ran).subscribeAsCompletionStage();
            CompletableFuture<Integer> third =
                    reactive.queueing(2, held, ran).subscribeAsCompletionStage();

            assertThat(third)
                    .as("round %d: refused when subscribe returns", round)
                    .isCompletedExceptionally();
            assertThatThrownBy(third::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(BulkheadException.class);
            held.complete(0);
            assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(List.copyOf(ran)).as("round %d", round).containsExactly(0, 1);
        }
    }

    @ApplicationScoped
    static class Reactive {
        private final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = 5)
        Uni<String> succeedsOnThirdAttempt() {
            int attempt = attempts.incrementAndGet();
            return attempt < 3
                    ? Uni.createFrom().failure(new IllegalStateException("attempt " + attempt))
                    : Uni.createFrom().item("ok after " + attempt);
        }

        int attempts() {
            return attempts.get();
        }

        @Timeout(100)
        Uni<String> never() {
            return Uni.createFrom().nothing();
        }

        /** The first subscription holds the place until {@code held} completes. */
        @Bulkhead(value = 1, waitingTaskQueue = 1)
        Uni<Integer> queueing(int index, CompletableFuture<Integer> held, Queue<Integer> ran) {
            ran.add(index);
            return index == 0
                    ? Uni.createFrom().completionStage(held)
                    : Uni.createFrom().item(index);
        }

        @Fallback(fallbackMethod = "fallback")
        Uni<String> withFallback() {
            return Uni.createFrom().failure(new IllegalStateException("fails"));
        }

        Uni<String> fallback() {
            return Uni.createFrom().item("fallback");
        }

        @CircuitBreaker(
                requestVolumeThreshold = 1,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        Uni<String> broken() {
            return Uni.createFrom().failure(new IllegalStateException("broken"));
        }
    }
}
