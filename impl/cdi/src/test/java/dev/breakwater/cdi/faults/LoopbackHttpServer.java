package dev.breakwater.cdi.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on the loopback interface that answers each request as the test scripted it: a status code,
 * or a hang until the test ends (latency beyond any timeout). It counts the requests that reached it.
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** What the server does with one request. */
    sealed interface Reply permits Status, Hang {}

    /** Answers with this status code and a short body. */
    record Status(int code) implements Reply {}

    /** Holds the request until the server closes. */
    record Hang() implements Reply {}

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Reply afterScript = new Status(200);

    LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** @param replies the replies to the next requests, in order */
    void script(Reply... replies) {
        script.addAll(java.util.List.of(replies));
    }

    /** @param reply the reply to every request once the script is used up */
    void thenAlways(Reply reply) {
        afterScript = reply;
    }

    URI uri() {
        return URI.create(
                "http://"
                        + server.getAddress().getHostString()
                        + ":"
                        + server.getAddress().getPort()
                        + "/");
    }

    int hits() {
        return hits.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        Reply reply = script.poll();
        if (reply == null) {
            reply = afterScript;
        }
        try (exchange) {
            if (reply instanceof Hang) {
                closing.await();
                return;
            }
            byte[] body = ("status " + ((Status) reply).code()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(((Status) reply).code(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
