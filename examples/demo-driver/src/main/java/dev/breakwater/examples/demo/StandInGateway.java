package dev.breakwater.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payment gateway of the fleet demo, served by the driver itself on a loopback port: every replica calls this
 * one gateway, so that one switch cuts it for all of them and every charge is counted in one place, with the
 * replica that sent it. Each replica gets a base URL of its own ({@code http://127.0.0.1:<port>/<replica>}), to
 * which its REST client appends the checkout's {@code /gateway/charges}.
 */
final class StandInGateway implements AutoCloseable {

    /** One charge that reached the gateway, from {@code replica}, at a {@link System#nanoTime()} instant. */
    record Call(String replica, long atNanos) {}

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]*)\"");
    private static final String CHARGES = "/gateway/charges";

    private final long healthyLatencyMs;
    private final long outageLatencyMs;
    private final HttpServer server;
    private final ExecutorService threads;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicLong transactions = new AtomicLong();
    private volatile boolean cut;

    private StandInGateway(long healthyLatencyMs, long outageLatencyMs) throws IOException {
        this.healthyLatencyMs = healthyLatencyMs;
        this.outageLatencyMs = outageLatencyMs;
        AtomicInteger count = new AtomicInteger();
        this.threads =
                Executors.newFixedThreadPool(
                        16,
                        task -> {
                            Thread thread =
                                    new Thread(
                                            task,
                                            "breakwater-demo-gateway-" + count.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts the gateway on a free loopback port.
     *
     * @param healthyLatencyMs how long a charge takes while the gateway is up
     * @param outageLatencyMs how long it takes to answer 503 while the gateway is cut
     */
    static StandInGateway start(long healthyLatencyMs, long outageLatencyMs) throws IOException {
        return new StandInGateway(healthyLatencyMs, outageLatencyMs);
    }

    /** @return the base URL for {@code replica}'s REST client: its charges are counted as its own */
    URI baseFor(String replica) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + replica);
    }

    /** Cuts the gateway (every charge answers 503) or brings it back. */
    void cut(boolean down) {
        cut = down;
    }

    /** @return the charges that reached the gateway at or after {@code sinceNanos}, in the order they arrived */
    List<Call> callsSince(long sinceNanos) {
        List<Call> since = new ArrayList<>();
        for (Call call : calls) {
            if (call.atNanos() >= sinceNanos) {
                since.add(call);
            }
        }
        return since;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int replicaEnd = path.indexOf('/', 1);
            if (!"POST".equals(exchange.getRequestMethod())
                    || replicaEnd < 0
                    || !CHARGES.equals(path.substring(replicaEnd))) {
                respond(exchange, 404, "{\"error\":\"no such endpoint\"}");
                return;
            }
            calls.add(new Call(path.substring(1, replicaEnd), System.nanoTime()));
            String request = read(exchange.getRequestBody());
            boolean down = cut;
            pause(down ? outageLatencyMs : healthyLatencyMs);
            if (down) {
                respond(exchange, 503, "{\"error\":\"gateway down\"}");
                return;
            }
            Matcher orderId = ORDER_ID.matcher(request);
            respond(
                    exchange,
                    200,
                    "{\"orderId\":\""
                            + (orderId.find() ? orderId.group(1) : "")
                            + "\",\"transactionId\":\"tx-"
                            + transactions.incrementAndGet()
                            + "\"}");
        }
    }

    private static String read(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
