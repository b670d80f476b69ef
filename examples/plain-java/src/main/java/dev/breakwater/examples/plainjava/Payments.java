package dev.breakwater.examples.plainjava;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.core.Bulkhead;
import dev.breakwater.core.BulkheadFull;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerOpen;
import dev.breakwater.core.Guard;
import dev.breakwater.core.TimedOut;
import java.time.Duration;

/**
 * Charges orders through the payment gateway, guarded by Breakwater's typed API: each attempt has a timeout and a
 * place in a bulkhead, failed attempts are retried, a circuit breaker stops calling a gateway that keeps failing,
 * and a fallback turns every payment that could not be taken into an answer with a time to try again. Nothing
 * here needs a container: the guard is built once, here, and called by every request.
 *
 * <p>The fallback never pretends a payment succeeded. While the breaker is open it answers at once, without
 * calling the gateway, with the time left until the breaker lets a trial call through.
 */
public final class Payments {

    /** When to try again after a failure the breaker did not refuse: soon, the next call may well succeed. */
    private static final Duration SOON = Duration.ofSeconds(1);

    private final PaymentClient gateway;
    private final Duration breakerDelay;
    private final CircuitBreaker breaker;
    private final Guard<Payment> charge;

    /**
     * @param gateway  the unguarded client
     * @param settings the guard's values; invalid ones fail here, each named
     * @param listener told of each change of the breaker's state
     * @throws IllegalArgumentException naming every invalid value and what is allowed
     */
    public Payments(PaymentClient gateway, GuardSettings settings, BreakerStateListener listener) {
        this.gateway = gateway;
        this.breakerDelay = settings.breakerDelay();
        this.breaker =
                CircuitBreaker.builder("payment-gateway")
                        .requestVolumeThreshold(settings.breakerWindow())
                        .failureRatio(settings.failureRatio())
                        .delay(settings.breakerDelay())
                        .onStateChange(listener)
                        .build();
        this.charge =
                Guard.<Payment>builder("charge")
                        .timeout(settings.timeout())
                        // Only what another attempt may cure: an open breaker or a full bulkhead
                        // would refuse it again.
                        .retry(
                                retry ->
                                        retry.maxRetries(settings.maxRetries())
                                                .delay(settings.retryDelay())
                                                .jitter(settings.retryJitter())
                                                .retryOn(GatewayException.class, TimedOut.class))
                        .circuitBreaker(breaker)
                        .bulkhead(Bulkhead.builder().limit(settings.bulkheadLimit()).build())
                        .fallback(this::notTaken)
                        .build();
    }

    /**
     * @return the payment, charged or not taken; never an exception for what the gateway or the guard did
     */
    public Payment charge(Order order) {
        return charge.call(() -> new Payment.Charged(gateway.charge(order)));
    }

    /** @return the breaker's state now, as its listener was last told */
    public BreakerState breakerState() {
        return breaker.state();
    }

    /** The fallback: a known failure becomes an answer; anything else is a bug, and fails the call as it is. */
    private Payment notTaken(Throwable failure) {
        if (failure instanceof CircuitBreakerOpen) {
            return new Payment.NotTaken(Payment.Reason.CIRCUIT_OPEN, untilTrialCall());
        }
        if (failure instanceof BulkheadFull) {
            return new Payment.NotTaken(Payment.Reason.BUSY, SOON);
        }
        if (failure instanceof TimedOut) {
            return new Payment.NotTaken(Payment.Reason.GATEWAY_TIMEOUT, SOON);
        }
        if (failure instanceof GatewayException) {
            return new Payment.NotTaken(Payment.Reason.GATEWAY_FAILED, SOON);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw failure instanceof RuntimeException unexpected
                ? unexpected
                : new IllegalStateException("charging failed unexpectedly", failure);
    }

    /** @return the rest of the breaker's open delay; none when it is half-open with its trial calls taken */
    private Duration untilTrialCall() {
        if (breaker.state() != BreakerState.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(
                Math.max(0, breakerDelay.toNanos() - breaker.nanosInCurrentState()));
    }
}
