package dev.breakwater.examples.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** The checkout application's HTTP API, as the demo uses it: checkouts, the gateway's knobs and stats, metrics. */
final class ShopClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;
    private final AtomicLong orders = new AtomicLong();

    ShopClient(URI base, Executor executor) {
        this.base = base;
        this.http =
                HttpClient.newBuilder()
                        .executor(executor)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /** Places one order; a connection error is an outcome too, not an exception. */
    Outcome checkout() throws InterruptedException {
        HttpRequest request = post("/checkout", orderBody());
        long start = System.nanoTime();
        Outcome.Kind kind;
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            kind = Outcome.Kind.of(response.statusCode(), response.body());
        } catch (IOException e) {
            kind = Outcome.Kind.OTHER;
        }
        long end = System.nanoTime();
        return new Outcome(kind, end - start, end);
    }

    /** Places one order without waiting for its answer; a connection error is an outcome too. */
    CompletableFuture<Outcome> checkoutAsync() {
        HttpRequest request = post("/checkout", orderBody());
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle(
                        (response, failure) -> {
                            long end = System.nanoTime();
                            Outcome.Kind kind =
                                    failure == null
                                            ? Outcome.Kind.of(
                                                    response.statusCode(), response.body())
                                            : Outcome.Kind.OTHER;
                            return new Outcome(kind, end - start, end);
                        });
    }

    private String orderBody() {
        return String.format(
                Locale.ROOT,
                "{\"orderId\":\"demo-%d\",\"amountCents\":1250}",
                orders.incrementAndGet());
    }

    /** Turns the gateway's knobs: outage, failure rate, latency. */
    void turnKnobs(boolean outage, double failureRate, long latencyMs)
            throws IOException, InterruptedException {
        String body =
                String.format(
                        Locale.ROOT,
                        "{\"outage\":%b,\"failureRate\":%s,\"latencyMs\":%d}",
                        outage,
                        failureRate,
                        latencyMs);
        expectOk(http.send(post("/gateway/knobs", body), HttpResponse.BodyHandlers.ofString()));
    }

    /** @return how many charges reached the gateway since the application started */
    long gatewayCharges() throws IOException, InterruptedException {
        String stats = get("/gateway/stats");
        int key = stats.indexOf("\"charges\":");
        if (key < 0) {
            throw new IOException("no charges count in " + stats);
        }
        int start = key + "\"charges\":".length();
        int end = start;
        while (end < stats.length() && Character.isDigit(stats.charAt(end))) {
            end++;
        }
        return Long.parseLong(stats.substring(start, end));
    }

    /** @return the Prometheus text of {@code /q/metrics} */
    String metrics() throws IOException, InterruptedException {
        return get("/q/metrics");
    }

    /** @return whether the application answers its readiness check */
    boolean ready() throws InterruptedException {
        try {
            return http.send(
                                    HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                                            .timeout(REQUEST_TIMEOUT)
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
        expectOk(response);
        return response.body();
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static void expectOk(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(
                    response.request().uri()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
    }
}
