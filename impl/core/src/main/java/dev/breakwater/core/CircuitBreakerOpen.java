package dev.breakwater.core;

/** A call refused because the guard's circuit breaker is open, or half-open with all its trial calls taken. */
public final class CircuitBreakerOpen extends Refusal {

    private static final long serialVersionUID = 1L;

    CircuitBreakerOpen(String operation) {
        super(operation);
    }

    @Override
    public String getMessage() {
        return "circuit breaker is open for " + operation();
    }
}
