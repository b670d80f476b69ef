package dev.breakwater.examples.demo;

import java.util.List;
import java.util.Map;

/**
 * What one phase of the story showed.
 *
 * @param gatewayCalls how many charges reached the gateway during the phase
 * @param breaker      the breaker's own account of the phase; empty when the application exports no metrics
 */
record PhaseReport(
        int number,
        String name,
        long startNanos,
        long endNanos,
        Map<Outcome.Kind, Integer> counts,
        LatencySummary latencies,
        LatencySummary fastFailLatencies,
        LatencySummary gatewayFailLatencies,
        long gatewayCalls,
        BreakerMetrics breaker) {

    static PhaseReport of(
            int number,
            PhaseRecorder recorder,
            long endNanos,
            long gatewayCalls,
            BreakerMetrics breaker) {
        List<Outcome> outcomes = recorder.outcomes();
        return new PhaseReport(
                number,
                recorder.name(),
                recorder.startNanos(),
                endNanos,
                recorder.counts(),
                LatencySummary.of(outcomes, null),
                LatencySummary.of(outcomes, Outcome.Kind.FAST_FAILED),
                LatencySummary.of(outcomes, Outcome.Kind.GATEWAY_FAILED),
                gatewayCalls,
                breaker);
    }

    int requests() {
        return latencies.count();
    }

    int count(Outcome.Kind kind) {
        return counts.get(kind);
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
