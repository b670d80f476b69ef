package dev.breakwater.examples.plainjava;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in payment gateway over real HTTP on loopback, so that the example runs without an outside service. It
 * counts every charge that reaches it, which is how the example shows what the circuit breaker spares it, and has
 * knobs: an outage (it answers 503), a number of charges to fail, and holding charges unanswered (a gateway that
 * hangs) until released.
 *
 * <p>{@code POST /charges} charges an order; {@code POST /outage?on=true} (or {@code false}) switches the outage,
 * {@code GET /stats} tells the count, for trying the example with curl.
 */
public final class GatewayServer implements AutoCloseable {

    private final AtomicBoolean outage = new AtomicBoolean();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    /** Open while charges are held; a charge that arrives then waits for it. */
    private volatile CountDownLatch holding;

    /** One permit per charge that began to wait in {@link #holding}. */
    private final Semaphore held = new Semaphore(0);

    private final ExecutorService threads =
            Executors.newCachedThreadPool(ExampleThreads.named("gateway"));
    private final HttpServer server;

    private GatewayServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a gateway on an ephemeral port of the loopback interface. */
    public static GatewayServer start() throws IOException {
        GatewayServer gateway = new GatewayServer(HttpServers.onLoopback());
        gateway.server.createContext("/charges", gateway::charge);
        gateway.server.createContext("/outage", gateway::outageKnob);
        gateway.server.createContext("/stats", gateway::stats);
        gateway.server.setExecutor(gateway.threads);
        gateway.server.start();
        return gateway;
    }

    /** @return where to POST charges */
    public URI chargesUrl() {
        return HttpServers.url(server, "/charges");
    }

    /** @return the gateway's own address, for its knobs */
    public URI baseUrl() {
        return HttpServers.url(server, "");
    }

    /** @param on whether every charge is answered with 503 from now on */
    public void outage(boolean on) {
        outage.set(on);
    }

    /** @param charges how many of the next charges fail with 503, outage or not */
    public void failNext(int charges) {
        failures.set(charges);
    }

    /** Holds every charge from now on unanswered, as a gateway that hangs, until {@link #release()}. */
    public void hold() {
        holding = new CountDownLatch(1);
    }

    /** Lets the held charges go on, and the later ones through at once. */
    public void release() {
        CountDownLatch latch = holding;
        holding = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /**
     * @return whether {@code charges} more charges began to be held within the time given
     */
    public boolean awaitHeld(int charges, Duration within) throws InterruptedException {
        return held.tryAcquire(charges, within.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return how many charge requests reached the gateway so far */
    public int calls() {
        return calls.get();
    }

    private void charge(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Order order =
                    Order.fromForm(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
            int call = calls.incrementAndGet();
            if (!waitWhileHeld()) {
                return;
            }
            if (outage.get() || failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                HttpServers.respond(
                        exchange, 503, "payment gateway unavailable (call " + call + ")");
            } else {
                HttpServers.respond(exchange, 200, "tx-" + call + "-" + order.id());
            }
        }
    }

    /** @return false when the gateway is stopping and the charge is to be dropped unanswered */
    private boolean waitWhileHeld() {
        CountDownLatch latch = holding;
        if (latch == null) {
            return true;
        }
        held.release();
        try {
            latch.await();
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void outageKnob(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getQuery();
            if (!"POST".equals(exchange.getRequestMethod())
                    || query == null
                    || !query.matches("on=(true|false)")) {
                HttpServers.respond(
                        exchange, 400, "POST /outage?on=true or POST /outage?on=false\n");
                return;
            }
            outage(query.endsWith("true"));
            HttpServers.respond(exchange, 200, "outage " + (outage.get() ? "on" : "off") + "\n");
        }
    }

    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpServers.respond(exchange, 200, "calls " + calls.get() + "\n");
        }
    }

    /** Lets held charges go, stops accepting requests and waits for the gateway's threads to end. */
    @Override
    public void close() {
        release();
        HttpServers.stop(server, threads);
    }
}
