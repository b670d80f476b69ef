package dev.breakwater.api;

import java.time.Duration;
import java.util.List;

/**
 * A circuit breaker at one moment: its state, what it has counted and the policy it enforces. Counts are since
 * the deployment started or the breaker was last {@linkplain CircuitBreakers#reset(String) reset}.
 *
 * @param name the breaker's name ({@link BreakerName}, or the default {@code com.acme.Checkout#pay})
 * @param state its state
 * @param timeInState how long it has been in that state
 * @param methods the guarded methods that use it, as {@code com.acme.Checkout.pay(Order)}, sorted
 * @param succeeded calls whose outcome counted as a success (failures outside {@code failOn} or in
 *                  {@code skipOn} included)
 * @param failed calls whose failure counted against the breaker
 * @param rejected calls refused with {@code CircuitBreakerOpenException}
 * @param timesOpened how often it opened
 * @param requestVolumeThreshold the size of its rolling window
 * @param failureRatio the share of failures in a full window that opens it
 * @param delay how long it stays open before it lets trial calls through
 * @param successThreshold the trial successes that close it again
 * @param fleet the fleet's view of the breaker, for a breaker in fleet mode; {@code null} for a local breaker
 */
public record CircuitBreakerSnapshot(
        String name,
        BreakerState state,
        Duration timeInState,
        List<String> methods,
        long succeeded,
        long failed,
        long rejected,
        long timesOpened,
        int requestVolumeThreshold,
        double failureRatio,
        Duration delay,
        int successThreshold,
        FleetBreakerSnapshot fleet) {

    /** Copies {@code methods}, so a snapshot never changes. */
    public CircuitBreakerSnapshot {
        methods = List.copyOf(methods);
    }

    /** A local breaker's snapshot, without a fleet part. */
    public CircuitBreakerSnapshot(
            String name,
            BreakerState state,
            Duration timeInState,
            List<String> methods,
            long succeeded,
            long failed,
            long rejected,
            long timesOpened,
            int requestVolumeThreshold,
            double failureRatio,
            Duration delay,
            int successThreshold) {
        this(
                name,
                state,
                timeInState,
                methods,
                succeeded,
                failed,
                rejected,
                timesOpened,
                requestVolumeThreshold,
                failureRatio,
                delay,
                successThreshold,
                null);
    }
}
