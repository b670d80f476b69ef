package dev.breakwater.examples.checkout.gateway;

/**
 * How the simulated payment gateway misbehaves.
 *
 * @param outage      when true, every call answers 503
 * @param failureRate the share of calls, 0 to 1, that answer 500
 * @param latencyMs   how long every call takes before it answers
 */
public record Knobs(boolean outage, double failureRate, long latencyMs) {

    public static final Knobs HEALTHY = new Knobs(false, 0, 0);
}
