package dev.breakwater.examples.plainjava;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** What the example's two JDK HTTP servers have in common: where they listen, how they answer, how they stop. */
final class HttpServers {

    private HttpServers() {}

    /** @return a server on an ephemeral port of the loopback interface, not started */
    static HttpServer onLoopback() throws IOException {
        // The JDK's server writes an answer's headers and body separately; without TCP_NODELAY,
        // Nagle's
        // algorithm and the client's delayed ACK hold every answer back some 40 ms. Read once, at
        // first use.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }

    static URI url(HttpServer server, String path) {
        InetSocketAddress address = server.getAddress();
        return URI.create(
                "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path);
    }

    static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting requests at once and waits for the server's threads to end. */
    static void stop(HttpServer server, ExecutorService threads) {
        server.stop(0);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server's threads did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for the server's threads to end", e);
        }
    }
}
