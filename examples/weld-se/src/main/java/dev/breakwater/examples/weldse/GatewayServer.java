package dev.breakwater.examples.weldse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in payment gateway over real HTTP on loopback, so the example runs without an outside service: it
 * can be switched into an outage (it then answers 503), and it counts every charge request that reaches it,
 * which is how the example shows what the circuit breaker saves the gateway from.
 */
public final class GatewayServer implements AutoCloseable {

    static final String CHARGES_PATH = "/charges";

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, this::newThread);
    private final HttpServer server;

    private GatewayServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a gateway on an ephemeral port of the loopback interface. */
    public static GatewayServer start() throws IOException {
        // The JDK's server writes an answer's headers and body separately; without TCP_NODELAY,
        // Nagle's
        // algorithm and the client's delayed ACK hold every answer back some 40 ms. Read once, at
        // first use.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        GatewayServer gateway = new GatewayServer(server);
        server.createContext(CHARGES_PATH, gateway::handle);
        server.setExecutor(gateway.executor);
        server.start();
        return gateway;
    }

    private Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "breakwater-example-gateway-" + (threads.size() + 1));
        // A gateway left running must not keep the JVM alive after the story or a test.
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /** @return the address to POST charges to, which is what {@code payment.gateway.url} should be set to */
    public URI chargesUrl() {
        InetSocketAddress address = server.getAddress();
        return URI.create(
                "http://"
                        + address.getAddress().getHostAddress()
                        + ":"
                        + address.getPort()
                        + CHARGES_PATH);
    }

    public void outage(boolean on) {
        down.set(on);
    }

    /** @return how many charge requests reached the gateway so far */
    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String orderId = orderId(exchange.getRequestBody());
            int call = calls.incrementAndGet();
            if (down.get()) {
                respond(exchange, 503, "payment gateway unavailable (call " + call + ")");
            } else {
                respond(exchange, 200, "tx-" + call + "-" + orderId);
            }
        }
    }

    /** Reads the order's id from a form-encoded charge, {@code order=...&amountCents=...}. */
    private static String orderId(InputStream body) throws IOException {
        String form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        for (String field : form.split("&")) {
            if (field.startsWith("order=")) {
                return URLDecoder.decode(
                        field.substring("order=".length()), StandardCharsets.UTF_8);
            }
        }
        return "unknown-order";
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting requests at once and waits for the gateway's threads to end. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            // A terminated pool has finished its tasks, but its threads may still be on their way
            // out: join them.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gateway's threads did not end within 5 s");
            }
            for (Thread thread : threads) {
                thread.join(
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " did not end within 5 s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for the gateway's threads to end", e);
        }
    }
}
