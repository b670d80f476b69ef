package dev.breakwater.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, as ./demo.sh --fleet starts one: on a free loopback port, without persistence,
 * in a directory of its own; stopped on close.
 */
final class RedisServerProcess implements AutoCloseable {

    private static final long START_MILLIS = 10_000;

    private final Process process;
    private final int port;

    private RedisServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisServerProcess start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process;
        try {
            process =
                    new ProcessBuilder(
                                    "redis-server",
                                    "--bind",
                                    "127.0.0.1",
                                    "--port",
                                    String.valueOf(port),
                                    "--save",
                                    "",
                                    "--appendonly",
                                    "no",
                                    "--dir",
                                    dir.toAbsolutePath().toString())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("redis.log").toFile())
                            .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot start redis-server, which the fleet demo needs (Debian/Ubuntu: apt-get install -y"
                            + " redis-server)",
                    e);
        }
        RedisServerProcess redis = new RedisServerProcess(process, port);
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (!redis.answersPing()) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                redis.close();
                throw new IOException(
                        "redis-server did not answer on port "
                                + port
                                + "; see "
                                + dir.resolve("redis.log"));
            }
            Thread.sleep(50);
        }
        return redis;
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
