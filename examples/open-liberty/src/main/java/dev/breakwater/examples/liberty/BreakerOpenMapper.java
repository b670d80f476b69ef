package dev.breakwater.examples.liberty;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** An open breaker is 503 with Retry-After: the breaker's delay, after which it lets a trial call through. */
@Provider
public class BreakerOpenMapper implements ExceptionMapper<CircuitBreakerOpenException> {

    @Inject
    @ConfigProperty(
            name = "dev.breakwater.examples.liberty.PaymentService/charge/CircuitBreaker/delay",
            defaultValue = "10000")
    long breakerDelayMs;

    @Override
    public Response toResponse(CircuitBreakerOpenException exception) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, (breakerDelayMs + 999) / 1000))
                .type(MediaType.TEXT_PLAIN)
                .entity("circuit open: payment gateway not called")
                .build();
    }
}
