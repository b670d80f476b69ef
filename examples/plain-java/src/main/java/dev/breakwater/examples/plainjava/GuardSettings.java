package dev.breakwater.examples.plainjava;

import java.time.Duration;

/**
 * The values the checkout's guard is built from. Plain Java has no configuration source of Breakwater's: where the
 * values come from (a file, the environment, flags) is the application's choice; the guard's builder checks them.
 *
 * @param timeout          how long one attempt at the gateway may take
 * @param maxRetries       attempts after the first, for a gateway failure or a timeout
 * @param retryDelay       the pause before each retry
 * @param retryJitter      how much each pause varies at random, either way
 * @param breakerWindow    the calls the breaker judges at a time (its rolling window)
 * @param failureRatio     the share of failures in a full window that opens the breaker
 * @param breakerDelay     how long the breaker stays open before it lets a trial call through
 * @param bulkheadLimit    payments allowed in flight at once
 */
public record GuardSettings(
        Duration timeout,
        int maxRetries,
        Duration retryDelay,
        Duration retryJitter,
        int breakerWindow,
        double failureRatio,
        Duration breakerDelay,
        int bulkheadLimit) {

    /** @return the values {@link Main} runs with: those of the Quarkus checkout example's production profile */
    public static GuardSettings production() {
        return new GuardSettings(
                Duration.ofSeconds(1),
                2,
                Duration.ofMillis(100),
                Duration.ofMillis(50),
                20,
                0.5,
                Duration.ofSeconds(10),
                20);
    }
}
