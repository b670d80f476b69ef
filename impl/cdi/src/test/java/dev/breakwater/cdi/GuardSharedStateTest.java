package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/**
 * One {@code Guard} guarding synchronous and asynchronous actions holds one bulkhead and one rate limit for both
 * kinds, as SmallRye's documentation says of its stateful strategies ("all those actions will be guarded by the
 * same bulkhead, circuit breaker and/or rate limit"). Counted with latches, not timed.
 */
class GuardSharedStateTest {

    @Test
    void aSynchronousCallHoldingTheOnlyPlaceMakesAnAsynchronousCallWaitAndTheNextOneIsRefused()
            throws Exception {
        Guard guard = Guard.create().withBulkhead().limit(1).queueSize(1).done().build();
        CountDownLatch syncEntered = new CountDownLatch(1);
        CountDownLatch releaseSync = new CountDownLatch(1);
        AtomicInteger asyncStarted = new AtomicInteger();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<String> sync =
                    caller.submit(
                            () ->
                                    guard.call(
                                            () -> {
                                                syncEntered.countDown();
                                                releaseSync.await(10, TimeUnit.SECONDS);
                                                return "sync";
                                            },
                                            String.class));
            assertThat(syncEntered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletionStage<String> queued =
                    guard.call(
                            () -> {
                                asyncStarted.incrementAndGet();
                                return CompletableFuture.completedFuture("async");
                            },
                            typeOfStage());
            CompletionStage<String> refused =
                    guard.call(() -> CompletableFuture.completedFuture("never"), typeOfStage());

            assertThat(asyncStarted).hasValue(0);
            assertThatThrownBy(() -> refused.toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(BulkheadException.class);
            releaseSync.countDown();
            assertThat(sync.get(10, TimeUnit.SECONDS)).isEqualTo("sync");
            assertThat(queued.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("async");
            assertThat(asyncStarted).hasValue(1);
        } finally {
            releaseSync.countDown();
            caller.shutdownNow();
        }
    }

    @Test
    void anAsynchronousActionHoldingTheOnlyPlaceRefusesASynchronousCall() throws Exception {
        Guard guard = Guard.create().withBulkhead().limit(1).queueSize(1).done().build();
        CompletableFuture<String> pending = new CompletableFuture<>();

        CompletionStage<String> holding = guard.call(() -> pending, typeOfStage());

        assertThatThrownBy(() -> guard.call(() -> "sync", String.class))
                .isInstanceOf(BulkheadException.class);
        pending.complete("async");
        assertThat(holding.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("async");
        assertThat(guard.call(() -> "sync", String.class)).isEqualTo("sync");
    }

    @Test
    void synchronousAndAsynchronousCallsDrawOnOneRateLimit() throws Exception {
        Guard guard =
                Guard.create().withRateLimit().limit(2).window(1, ChronoUnit.HOURS).done().build();

        assertThat(guard.call(() -> "sync", String.class)).isEqualTo("sync");
        assertThat(
                        guard.call(() -> CompletableFuture.completedFuture("async"), typeOfStage())
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .isEqualTo("async");

        assertThatThrownBy(() -> guard.call(() -> "third", String.class))
                .isInstanceOf(RateLimitException.class);
        assertThatThrownBy(
                        () ->
                                guard.call(
                                                () -> CompletableFuture.completedFuture("fourth"),
                                                typeOfStage())
                                        .toCompletableFuture()
                                        .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RateLimitException.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<CompletionStage<String>> typeOfStage() {
        return (Class) CompletionStage.class;
    }
}
