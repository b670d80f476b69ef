package dev.breakwater.examples.checkout;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns what the fault-tolerance policies throw into HTTP answers. An open breaker and a full bulkhead are the
 * server protecting itself and the gateway: 503 with Retry-After, so well-behaved clients back off instead of
 * retrying in a tight loop.
 */
public class FailureResponses {

    /** When the breaker is worth trying again: its delay, the time it stays open before a trial call. */
    private final long breakerDelayMs;

    public FailureResponses(
            @ConfigProperty(
                            name =
                                    "dev.breakwater.examples.checkout.PaymentService/charge/CircuitBreaker/delay",
                            defaultValue = "10000")
                    long breakerDelayMs) {
        this.breakerDelayMs = breakerDelayMs;
    }

    @ServerExceptionMapper
    public Response breakerOpen(CircuitBreakerOpenException e) {
        long seconds = Math.max(1, (breakerDelayMs + 999) / 1000);
        return unavailable(
                new Problem(
                        "circuit-open",
                        "the payment gateway is failing; checkout refused without calling it"),
                seconds);
    }

    @ServerExceptionMapper
    public Response bulkheadFull(BulkheadException e) {
        return unavailable(new Problem("busy", "too many payments in flight"), 1);
    }

    @ServerExceptionMapper
    public Response timedOut(TimeoutException e) {
        return Response.status(Response.Status.GATEWAY_TIMEOUT)
                .entity(
                        new Problem(
                                "gateway-timeout", "the payment gateway did not answer in time"))
                .build();
    }

    @ServerExceptionMapper
    public Response gatewayFailed(GatewayException e) {
        return Response.status(Response.Status.BAD_GATEWAY)
                .entity(new Problem("gateway-error", e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    public Response noCatalogue(CatalogueUnavailableException e) {
        return unavailable(new Problem("catalogue-unavailable", e.getMessage()), 1);
    }

    private static Response unavailable(Problem problem, long retryAfterSeconds) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .entity(problem)
                .build();
    }
}
