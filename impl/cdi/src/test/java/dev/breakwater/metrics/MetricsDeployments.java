package dev.breakwater.metrics;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for what metrics report asynchronously; the metrics tests boot Weld through the CDI tests'
 * {@code Deployments}.
 */
final class MetricsDeployments {

    private MetricsDeployments() {}

    /** Waits, without a fixed sleep, until {@code condition} holds; fails after five seconds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
