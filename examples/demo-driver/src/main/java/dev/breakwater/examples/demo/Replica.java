package dev.breakwater.examples.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One checkout replica of the fleet demo: the checkout application in a process of its own, on a free loopback
 * port, its output in a log file. Closing it stops the process (and kills it if it does not stop in time).
 */
final class Replica implements AutoCloseable {

    private static final long STOP_SECONDS = 10;

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private Replica(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code appJar} as replica {@code name} on a free loopback port.
     *
     * @param properties system properties for the application, {@code key=value} each
     * @param log the file its output goes to
     */
    static Replica start(String name, Path appJar, List<String> properties, Path log)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // Three applications and the driver share the machine: a small heap, the client compiler
        // only.
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.add("-jar");
        command.add(appJar.toString());
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        return new Replica(name, port, process, log);
    }

    /** A port nobody listens on just now; the replica binds it a moment later. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** @return its log's lines so far */
    List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        }
    }
}
