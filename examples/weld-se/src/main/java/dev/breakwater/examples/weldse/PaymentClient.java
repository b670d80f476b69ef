package dev.breakwater.examples.weldse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The shop's side of the payment gateway, guarded by Breakwater. The values in the annotations are the defaults;
 * {@code META-INF/microprofile-config.properties}, environment variables and system properties override them
 * (see that file for the environment variables' names).
 *
 * <p>Retry sits outside the circuit breaker, so a retry would only meet the open breaker again: it stops at
 * {@link CircuitBreakerOpenException}.
 */
@ApplicationScoped
public class PaymentClient {

    private final PaymentGateway gateway;

    @Inject
    public PaymentClient(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @Retry(maxRetries = 2, delay = 0, jitter = 0, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(
            requestVolumeThreshold = 4,
            failureRatio = 0.5,
            delay = 2000,
            successThreshold = 1)
    @Fallback(DeferPayment.class)
    public Receipt charge(Order order) {
        return Receipt.charged(order, gateway.charge(order));
    }
}
