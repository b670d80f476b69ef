package dev.breakwater.examples.demo;

/** The circuit breaker's states, with the names the MicroProfile metrics use for them. */
enum BreakerState {
    CLOSED("closed"),
    OPEN("open"),
    HALF_OPEN("halfOpen");

    final String metricName;

    BreakerState(String metricName) {
        this.metricName = metricName;
    }
}
