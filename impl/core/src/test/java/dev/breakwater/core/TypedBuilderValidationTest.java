package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The typed builders check their values at {@code build()} against the rules the annotations are checked against,
 * and name each invalid value as the option call that set it, with what is allowed.
 */
class TypedBuilderValidationTest {

    @Test
    void aCircuitBreakerNamesTheInvalidOptionAndWhatItAllows() {
        assertThatThrownBy(
                        () -> CircuitBreaker.builder("gateway").requestVolumeThreshold(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "circuit breaker 'gateway': requestVolumeThreshold(0) is invalid; allowed: 1 or more");
    }

    @Test
    void everyInvalidOptionIsReportedAtOnceNumbered() {
        assertThatThrownBy(
                        () ->
                                CircuitBreaker.builder("gateway")
                                        .delay(Duration.ofSeconds(-1))
                                        .failureRatio(1.5)
                                        .successThreshold(0)
                                        .build())
                .hasMessage(
                        "circuit breaker 'gateway' has 3 invalid options:"
                                + System.lineSeparator()
                                + "  1. delay(PT-1S) is invalid; allowed: 0 or more"
                                + System.lineSeparator()
                                + "  2. failureRatio(1.5) is invalid; allowed: 0 to 1 inclusive"
                                + System.lineSeparator()
                                + "  3. successThreshold(0) is invalid; allowed: 1 or more");
    }

    @Test
    void theOptionsBeyondTheSpecNameEveryBadValue() {
        assertThatThrownBy(
                        () ->
                                CircuitBreaker.builder("gateway")
                                        .window(Duration.ofMillis(1500))
                                        .minimumCalls(0)
                                        .slowCall(Duration.ofSeconds(-1))
                                        .slowCallRatio(0)
                                        .maxHalfOpen(Duration.ofMillis(-5))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "circuit breaker 'gateway' has 5 invalid options:"
                                + System.lineSeparator()
                                + "  1. window(PT1.5S) is invalid; allowed: 0 (the spec's count-based window) or whole seconds"
                                + " from 1 s to 3600 s"
                                + System.lineSeparator()
                                + "  2. minimumCalls(0) is invalid; allowed: 1 or more"
                                + System.lineSeparator()
                                + "  3. slowCall(PT-1S) is invalid; allowed: 0 (no call is slow) or more"
                                + System.lineSeparator()
                                + "  4. slowCallRatio(0.0) is invalid; allowed: more than 0, up to 1"
                                + System.lineSeparator()
                                + "  5. maxHalfOpen(PT-0.005S) is invalid; allowed: 0 (no limit) or more");
    }

    @Test
    void aMinimumNumberOfCallsNeedsATimeBasedWindow() {
        assertThatThrownBy(() -> CircuitBreaker.builder("gateway").minimumCalls(5).build())
                .hasMessage(
                        "circuit breaker 'gateway': minimumCalls(5) is invalid; allowed: 0 without a time-based"
                                + " window (the count-based window is judged when full)");
    }

    @Test
    void aTimeBasedWindowCountsTheRequestVolumeThresholdAsItsMinimumUnlessToldOtherwise() {
        assertThat(
                        CircuitBreaker.builder("gateway")
                                .requestVolumeThreshold(7)
                                .window(Duration.ofSeconds(30))
                                .build()
                                .policy()
                                .options()
                                .minimumCalls())
                .isEqualTo(7);
        assertThat(
                        CircuitBreaker.builder("gateway")
                                .window(Duration.ofSeconds(30))
                                .minimumCalls(3)
                                .build()
                                .policy()
                                .options()
                                .minimumCalls())
                .isEqualTo(3);
    }

    @Test
    void aDurationTooLongForNanosecondsIsInvalid() {
        assertThatThrownBy(
                        () ->
                                CircuitBreaker.builder("gateway")
                                        .delay(Duration.ofDays(200_000))
                                        .build())
                .hasMessage(
                        "circuit breaker 'gateway': delay(PT4800000H) is invalid; allowed: a duration of at most "
                                + Long.MAX_VALUE
                                + " ns (about 292 years)");
    }

    @Test
    void aBulkheadNamesLimitAndQueueSize() {
        assertThatThrownBy(() -> Bulkhead.builder().limit(0).queueSize(-1).build())
                .hasMessageContaining("1. limit(0) is invalid; allowed: 1 or more")
                .hasMessageContaining("2. queueSize(-1) is invalid; allowed: 1 or more");
    }

    @Test
    void aRateLimiterNamesItsOptions() {
        assertThatThrownBy(() -> RateLimiter.builder().limit(0).build())
                .hasMessage("rate limiter: limit(0) is invalid; allowed: 1 or more");
        assertThatThrownBy(() -> RateLimiter.builder().window(Duration.ZERO).build())
                .hasMessage("rate limiter: window(PT0S) is invalid; allowed: 1 ns or more");
        assertThatThrownBy(() -> RateLimiter.builder().type(null).build())
                .hasMessage(
                        "rate limiter: type(null) is invalid; allowed: FIXED, ROLLING or SMOOTH");
    }

    @Test
    void aGuardNamesItselfAndTheRetryOption() {
        assertThatThrownBy(
                        () ->
                                Guard.builder("inventory")
                                        .retry(retry -> retry.maxRetries(-2))
                                        .build())
                .hasMessage(
                        "Guard 'inventory': retry.maxRetries(-2) is invalid; allowed: -1 (no limit) or more");
    }

    @Test
    void aMaxDurationNotLongerThanTheDelayIsInvalid() {
        assertThatThrownBy(
                        () ->
                                Guard.builder("inventory")
                                        .retry(
                                                retry ->
                                                        retry.delay(Duration.ofSeconds(2))
                                                                .maxDuration(Duration.ofSeconds(1)))
                                        .build())
                .hasMessage(
                        "Guard 'inventory': retry.maxDuration(PT1S) (with retry.delay(PT2S)) is invalid;"
                                + " allowed: 0 (no limit) or longer than delay");
    }

    @Test
    void aBackoffNamesItsParameters() {
        assertThatThrownBy(
                        () ->
                                Guard.builder("inventory")
                                        .retry(
                                                retry ->
                                                        retry.exponentialBackoff(
                                                                0, Duration.ofMinutes(1)))
                                        .build())
                .hasMessage(
                        "Guard 'inventory': retry.exponentialBackoff(0, PT1M): factor 0 is invalid;"
                                + " allowed: 1 or more");
        assertThatThrownBy(
                        () ->
                                Guard.builder("inventory")
                                        .retry(
                                                retry ->
                                                        retry.delay(Duration.ofSeconds(1))
                                                                .fibonacciBackoff(
                                                                        Duration.ofMillis(500)))
                                        .build())
                .hasMessage(
                        "Guard 'inventory': retry.fibonacciBackoff(PT0.5S) (with retry.delay(PT1S)) is invalid;"
                                + " allowed: 0 (no limit) or longer than delay");
    }

    @Test
    void twoBackoffsAreInvalid() {
        assertThatThrownBy(
                        () ->
                                Guard.builder("inventory")
                                        .retry(
                                                retry ->
                                                        retry.exponentialBackoff(2, Duration.ZERO)
                                                                .fibonacciBackoff(Duration.ZERO))
                                        .build())
                .hasMessage(
                        "Guard 'inventory': retry.fibonacciBackoff(PT0S) after retry.exponentialBackoff(2, PT0S)"
                                + " is invalid; allowed: one backoff");
    }

    @Test
    void aNegativeTimeoutIsInvalid() {
        assertThatThrownBy(
                        () ->
                                Guard.builder("inventory")
                                        .timeout(Duration.ofMillis(-5))
                                        .buildNonBlocking())
                .hasMessage("Guard 'inventory': timeout(PT-0.005S) is invalid; allowed: 0 or more");
    }

    @Test
    void skippingTheFallbackOfAGuardWithoutOneIsInvalid() {
        assertThatThrownBy(
                        () ->
                                Guard.builder("inventory")
                                        .skipFallbackOn(IllegalStateException.class)
                                        .build())
                .hasMessage(
                        "Guard 'inventory': skipFallbackOn(IllegalStateException) is invalid; allowed:"
                                + " skipFallbackOn with a fallback(...), whose failures it narrows");
    }

    @Test
    void anExecutorIsInvalidForAGuardThatDoesNotOffload() {
        var executor = Executors.newSingleThreadExecutor();
        try {
            assertThatThrownBy(() -> Guard.builder("inventory").executor(executor).build())
                    .hasMessageStartingWith("Guard 'inventory': executor(")
                    .hasMessageEndingWith(
                            "is invalid; allowed: an executor for a guard built with"
                                    + " buildOffloading(), the only kind whose attempts run on one");
            assertThat(Guard.builder("inventory").executor(executor).buildOffloading().offloading())
                    .isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aBulkheadServesGuardsOfOneKind() {
        Bulkhead bulkhead = Bulkhead.builder().build();
        Guard.builder("sync").bulkhead(bulkhead).build();

        assertThatThrownBy(() -> Guard.builder("async").bulkhead(bulkhead).buildNonBlocking())
                .hasMessage(
                        "Guard 'async' cannot share the bulkhead of Guard 'sync': one is synchronous, the other"
                                + " asynchronous; allowed: guards of one kind (build a bulkhead for each)");
    }

    @Test
    void anAsynchronousBulkheadServesGuardsThatStartAttemptsAlike() {
        Bulkhead bulkhead = Bulkhead.builder().build();
        Guard.builder("non-blocking").bulkhead(bulkhead).buildNonBlocking();
        Guard.builder("also non-blocking").bulkhead(bulkhead).buildNonBlocking();

        assertThatThrownBy(() -> Guard.builder("offloading").bulkhead(bulkhead).buildOffloading())
                .hasMessageStartingWith(
                        "Guard 'offloading' cannot share the bulkhead of Guard 'non-blocking':");
    }
}
