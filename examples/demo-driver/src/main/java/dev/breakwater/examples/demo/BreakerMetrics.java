package dev.breakwater.examples.demo;

import java.util.EnumMap;
import java.util.Map;

/**
 * The breaker's own account, read from the MicroProfile Fault Tolerance metrics in Prometheus format: the time spent
 * in each state ({@code ft.circuitbreaker.state.total}) and how often it opened ({@code ft.circuitbreaker.opened.total}),
 * for one guarded method. Empty when the application exports no such metrics.
 */
record BreakerMetrics(Map<BreakerState, Double> secondsInState, double opened) {

    static BreakerMetrics parse(String prometheusText, String method) {
        Map<BreakerState, Double> seconds = new EnumMap<>(BreakerState.class);
        double opened = 0;
        String methodLabel = "method=\"" + method + "\"";
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#") || !line.contains(methodLabel)) {
                continue;
            }
            if (line.startsWith("ft_circuitbreaker_state_total")) {
                for (BreakerState state : BreakerState.values()) {
                    if (line.contains("state=\"" + state.metricName + "\"")) {
                        seconds.put(state, inSeconds(line));
                    }
                }
            } else if (line.startsWith("ft_circuitbreaker_opened_total")) {
                opened = value(line);
            }
        }
        return new BreakerMetrics(seconds, opened);
    }

    /** Prometheus names carry the unit; without {@code _seconds} the value is the spec's nanoseconds. */
    private static double inSeconds(String line) {
        String name = line.substring(0, line.indexOf('{'));
        return name.contains("_seconds") ? value(line) : value(line) / 1e9;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
    }

    boolean present() {
        return !secondsInState.isEmpty();
    }

    /** @return this account and {@code other}'s together: the time in each state and the openings, summed */
    BreakerMetrics plus(BreakerMetrics other) {
        Map<BreakerState, Double> sum = new EnumMap<>(secondsInState);
        other.secondsInState.forEach((state, value) -> sum.merge(state, value, Double::sum));
        return new BreakerMetrics(sum, opened + other.opened);
    }

    /** @return what changed from {@code earlier} to this reading */
    BreakerMetrics since(BreakerMetrics earlier) {
        Map<BreakerState, Double> delta = new EnumMap<>(BreakerState.class);
        secondsInState.forEach(
                (state, value) ->
                        delta.put(state, value - earlier.secondsInState.getOrDefault(state, 0.0)));
        return new BreakerMetrics(delta, opened - earlier.opened);
    }
}
