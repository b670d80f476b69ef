package dev.breakwater.examples.demo;

import java.util.List;

/** Count, mean and nearest-rank percentiles of a set of latencies, in milliseconds. */
record LatencySummary(int count, double meanMs, double p50Ms, double p99Ms) {

    /** @param kind only outcomes of this kind, or all when null */
    static LatencySummary of(List<Outcome> outcomes, Outcome.Kind kind) {
        long[] nanos =
                outcomes.stream()
                        .filter(outcome -> kind == null || outcome.kind() == kind)
                        .mapToLong(Outcome::latencyNanos)
                        .sorted()
                        .toArray();
        if (nanos.length == 0) {
            return new LatencySummary(0, 0, 0, 0);
        }
        double sum = 0;
        for (long value : nanos) {
            sum += value;
        }
        return new LatencySummary(
                nanos.length,
                sum / nanos.length / 1e6,
                percentile(nanos, 0.50) / 1e6,
                percentile(nanos, 0.99) / 1e6);
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least {@code p} of them at or below. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
