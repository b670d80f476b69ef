package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A circuit breaker, a bulkhead or a rate limiter built once and given to two guards is one shared state. */
class GuardSharingTest {

    private static String fail() {
        throw new IllegalStateException("down");
    }

    @Test
    void failuresThroughOneGuardOpenTheBreakerForTheOther() {
        List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
        CircuitBreaker breaker =
                CircuitBreaker.builder("gateway")
                        .requestVolumeThreshold(2)
                        .failureRatio(1)
                        .delay(Duration.ofMinutes(1))
                        .onStateChange(changes::add)
                        .build();
        Guard<String> first = Guard.<String>builder("first").circuitBreaker(breaker).build();
        Guard<String> second = Guard.<String>builder("second").circuitBreaker(breaker).build();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> first.call(GuardSharingTest::fail)).hasMessage("down");
        }

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(changes)
                .containsExactly(
                        new BreakerStateChange("gateway", BreakerState.CLOSED, BreakerState.OPEN));
        assertThatThrownBy(() -> second.call(() -> "never runs"))
                .isInstanceOf(CircuitBreakerOpen.class)
                .isInstanceOf(Refusal.class)
                .hasMessage("circuit breaker is open for second");
    }

    @Test
    void aCallHoldingTheSharedBulkheadsOnlyPlaceRefusesTheOtherGuard() throws Exception {
        Bulkhead bulkhead = Bulkhead.builder().limit(1).build();
        Guard<String> first = Guard.<String>builder("first").bulkhead(bulkhead).build();
        Guard<String> second = Guard.<String>builder("second").bulkhead(bulkhead).build();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder =
                new Thread(
                        () ->
                                first.call(
                                        () -> {
                                            running.countDown();
                                            await(release);
                                            return "held";
                                        }));
        holder.start();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(bulkhead.running()).isEqualTo(1);
        assertThatThrownBy(() -> second.call(() -> "never runs"))
                .isInstanceOf(BulkheadFull.class)
                .hasMessage("bulkhead is full for second");

        release.countDown();
        holder.join(5_000);
        assertThat(bulkhead.running()).isZero();
        assertThat(second.call(() -> "runs")).isEqualTo("runs");
    }

    @Test
    void twoNonBlockingGuardsRunAndQueueInTheSameBulkhead() throws Exception {
        Bulkhead bulkhead = Bulkhead.builder().limit(1).queueSize(1).build();
        AsyncGuard<String> first =
                Guard.<String>builder("first").bulkhead(bulkhead).buildNonBlocking();
        AsyncGuard<String> second =
                Guard.<String>builder("second").bulkhead(bulkhead).buildNonBlocking();
        CompletableFuture<String> firstOutcome = new CompletableFuture<>();

        CompletableFuture<String> running = first.call(() -> firstOutcome).toCompletableFuture();
        CompletableFuture<String> waiting =
                second.call(() -> CompletableFuture.completedFuture("second"))
                        .toCompletableFuture();
        CompletableFuture<String> refused =
                first.call(() -> CompletableFuture.completedFuture("never")).toCompletableFuture();

        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(bulkhead.waiting()).isEqualTo(1);
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(BulkheadFull.class);

        firstOutcome.complete("first");
        assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(bulkhead.running()).isZero();
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void twoGuardsDrawOnTheSameRateLimitersPermits() {
        RateLimiter limiter = RateLimiter.builder().limit(2).window(Duration.ofHours(1)).build();
        Guard<String> first = Guard.<String>builder("first").rateLimiter(limiter).build();
        Guard<String> second = Guard.<String>builder("second").rateLimiter(limiter).build();

        assertThat(first.call(() -> "one")).isEqualTo("one");
        assertThat(second.call(() -> "two")).isEqualTo("two");

        assertThatThrownBy(() -> first.call(() -> "three"))
                .isInstanceOf(RateLimited.class)
                .isInstanceOf(Refusal.class)
                .satisfies(
                        refusal -> assertThat(((RateLimited) refusal).retryAfter()).isPositive());
        assertThat(limiter.counters().permitted()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
