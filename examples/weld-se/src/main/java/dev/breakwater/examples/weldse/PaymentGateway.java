package dev.breakwater.examples.weldse;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The remote payment gateway, called over HTTP: it POSTs each charge to {@code payment.gateway.url}, which
 * MicroProfile Config resolves, so each environment can point the shop at its own gateway.
 */
@ApplicationScoped
public class PaymentGateway {

    static final String URL_PROPERTY = "payment.gateway.url";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ExecutorService executor;
    private HttpClient http;
    private URI url;

    /** Read when the bean is first used rather than in a constructor, which the container's proxy would run too. */
    @PostConstruct
    void open() {
        url = ConfigProvider.getConfig().getValue(URL_PROPERTY, URI.class);
        executor = Executors.newCachedThreadPool(namedThreads());
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(executor).build();
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread =
                    new Thread(
                            task, "breakwater-example-payment-client-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * @return a transaction id
     * @throws GatewayUnavailableException when the gateway cannot be reached or does not charge
     */
    public String charge(Order order) {
        HttpRequest request =
                HttpRequest.newBuilder(url)
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(order)))
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GatewayUnavailableException("payment gateway unreachable at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(
                    "interrupted while calling the payment gateway", e);
        }
        if (response.statusCode() != 200) {
            throw new GatewayUnavailableException(
                    "payment gateway answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String form(Order order) {
        return "order="
                + URLEncoder.encode(order.id(), StandardCharsets.UTF_8)
                + "&amountCents="
                + order.amountCents();
    }

    /** Ends the client's threads with the container. */
    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
