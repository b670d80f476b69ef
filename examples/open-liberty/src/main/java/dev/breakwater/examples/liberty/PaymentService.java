package dev.breakwater.examples.liberty;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Charges orders at the gateway over HTTP, guarded by Breakwater. Values in
 * {@code META-INF/microprofile-config.properties}, read through Liberty's MicroProfile Config, override the
 * annotations.
 */
@ApplicationScoped
public class PaymentService {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
    public String charge(URI gateway, String order) {
        HttpRequest request =
                HttpRequest.newBuilder(gateway.resolve("gateway/charges/" + order))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GatewayException("payment gateway unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            // The timeout interrupts a call that takes too long; keep the flag for the caller.
            Thread.currentThread().interrupt();
            throw new GatewayException("payment gateway call interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new GatewayException("payment gateway answered " + response.statusCode(), null);
        }
        return response.body();
    }
}
