package dev.breakwater.examples.plainjava;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Calls the payment gateway over HTTP, unguarded: one POST per charge. {@link Payments} puts the guard around it.
 * {@code HttpClient.send} gives up when its thread is interrupted, which is how the guard's timeout abandons a call
 * the gateway does not answer.
 */
public final class PaymentClient implements AutoCloseable {

    /** Only stops a forgotten request from hanging forever; the guard's timeout decides first. */
    private static final Duration LAST_RESORT = Duration.ofSeconds(30);

    private final URI charges;
    private final ExecutorService executor =
            Executors.newCachedThreadPool(ExampleThreads.named("payment-client"));
    private final HttpClient http;

    /** @param charges where to POST charges */
    public PaymentClient(URI charges) {
        this.charges = charges;
        this.http = HttpClient.newBuilder().connectTimeout(LAST_RESORT).executor(executor).build();
    }

    /**
     * @return the gateway's transaction id
     * @throws GatewayException when the gateway cannot be reached or does not charge
     */
    public String charge(Order order) {
        HttpRequest request =
                HttpRequest.newBuilder(charges)
                        .timeout(LAST_RESORT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(order.toForm()))
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GatewayException("payment gateway unreachable at " + charges, e);
        } catch (InterruptedException e) {
            // The guard's timeout interrupted the call: keep the flag for it to see.
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while calling the payment gateway", e);
        }
        if (response.statusCode() != 200) {
            throw new GatewayException(
                    "payment gateway answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Ends the client's threads. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
