package dev.breakwater.examples.checkout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Charges orders through the payment gateway. The annotations hold sensible defaults; application.properties
 * sets the values per profile and environment variables override them (see application.properties).
 *
 * <p>No fallback here on purpose: a payment must not pretend to succeed. While the breaker is open the caller gets
 * {@link CircuitBreakerOpenException} at once and answers 503 with Retry-After. Retry is the outermost policy and
 * gives up at once on an open breaker or a full bulkhead, which another attempt would only meet again.
 */
@ApplicationScoped
public class PaymentService {

    private final GatewayClient gateway;

    public PaymentService(@RestClient GatewayClient gateway) {
        this.gateway = gateway;
    }

    @Timeout(1000)
    @Retry(
            maxRetries = 2,
            delay = 100,
            jitter = 50,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class})
    @CircuitBreaker(
            requestVolumeThreshold = 20,
            failureRatio = 0.5,
            delay = 10_000,
            successThreshold = 2)
    @Bulkhead(20)
    public ChargeResult charge(ChargeRequest request) {
        try {
            return gateway.charge(request);
        } catch (WebApplicationException | ProcessingException e) {
            throw new GatewayException("payment gateway: " + e.getMessage(), e);
        }
    }
}
