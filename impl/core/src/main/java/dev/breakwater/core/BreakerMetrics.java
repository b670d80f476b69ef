package dev.breakwater.core;

/**
 * Metrics for the circuit breakers that code builds into a {@link CircuitBreakerRegistry} (the typed builders'
 * {@link CircuitBreakerBuilder#registry(CircuitBreakerRegistry)}), given to the registry by the layer that knows the
 * metrics backend, so that those breakers are metered like an annotated method's.
 */
@FunctionalInterface
public interface BreakerMetrics {

    /**
     * Called once, when a breaker joins the registry from code.
     *
     * @param breaker the breaker, closed; its gauges may read it from now on
     * @return where the circuit breaker stage of every guard using the breaker reports each call (unless the guard's
     *         pipeline has metrics of its own), and which the registry tells when the breaker opens; {@code null}
     *         for none
     */
    OperationMetrics register(CircuitBreaker breaker);
}
