package dev.breakwater.examples.plainjava;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The shop's checkout over HTTP: {@code POST /checkout} with a form {@code order=...&amountCents=...} pays for an
 * order through {@link Payments}. It answers 200 with the transaction when the payment was charged, and 503 with
 * {@code Retry-After} when it was not taken (the body starts with the reason's code, as {@code circuit-open}), so
 * that well-behaved clients back off instead of retrying in a tight loop.
 */
public final class CheckoutServer implements AutoCloseable {

    private final Payments payments;
    private final ExecutorService threads;
    private final HttpServer server;

    private CheckoutServer(Payments payments, ExecutorService threads, HttpServer server) {
        this.payments = payments;
        this.threads = threads;
        this.server = server;
    }

    /**
     * Starts the checkout on an ephemeral port of the loopback interface.
     *
     * @param workers requests served at once
     */
    public static CheckoutServer start(Payments payments, int workers) throws IOException {
        CheckoutServer checkout =
                new CheckoutServer(
                        payments,
                        Executors.newFixedThreadPool(workers, ExampleThreads.named("checkout")),
                        HttpServers.onLoopback());
        checkout.server.createContext("/checkout", checkout::checkout);
        checkout.server.setExecutor(checkout.threads);
        checkout.server.start();
        return checkout;
    }

    /** @return where to POST orders */
    public URI checkoutUrl() {
        return HttpServers.url(server, "/checkout");
    }

    private void checkout(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Order order;
            try {
                order =
                        Order.fromForm(
                                new String(
                                        exchange.getRequestBody().readAllBytes(),
                                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                HttpServers.respond(exchange, 400, e.getMessage() + "\n");
                return;
            }
            Payment payment;
            try {
                payment = payments.charge(order);
            } catch (RuntimeException bug) {
                // The fallback answers every failure it knows; what it lets through is a bug,
                // shown, not hidden.
                bug.printStackTrace();
                HttpServers.respond(exchange, 500, "checkout failed: " + bug + "\n");
                return;
            }
            if (payment instanceof Payment.Charged charged) {
                HttpServers.respond(exchange, 200, "charged " + charged.transaction() + "\n");
            } else if (payment instanceof Payment.NotTaken notTaken) {
                exchange.getResponseHeaders()
                        .set("Retry-After", Long.toString(seconds(notTaken.retryAfter())));
                HttpServers.respond(
                        exchange,
                        503,
                        notTaken.reason().code() + ": " + notTaken.reason().explanation() + "\n");
            }
        }
    }

    /** {@code Retry-After} counts whole seconds: rounded up, and at least one, so that "now" is never said. */
    static long seconds(Duration retryAfter) {
        long whole = retryAfter.toSeconds();
        return Math.max(1, retryAfter.equals(Duration.ofSeconds(whole)) ? whole : whole + 1);
    }

    /** Stops accepting orders at once and waits for the checkout's threads to end. */
    @Override
    public void close() {
        HttpServers.stop(server, threads);
    }
}
