package dev.breakwater.redis;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for a test: started on a free loopback port (127.0.0.1 only, no persistence, DEBUG
 * allowed from loopback), waited for by PING within a bound, and stopped by {@link #close()} or, at the latest, by a
 * JVM shutdown hook. Faults are injected for real: signals to the process, admin commands through
 * {@code redis-cli}. Public, in this module's test jar, for the fleet tests of the CDI and Quarkus modules.
 */
public final class RedisServer implements AutoCloseable {

    private static final String SERVER = installed("redis-server");
    private static final String CLI = installed("redis-cli");
    private static final long START_SECONDS = 10;

    private final int port;
    private final List<String> extra;
    private final List<String> cliAuth;
    private final Path log;
    private Process process;
    private final Thread hook;

    private RedisServer(int port, List<String> extra, List<String> cliAuth) throws IOException {
        this.port = port;
        this.extra = extra;
        this.cliAuth = cliAuth;
        this.log = Files.createTempFile("breakwater-redis-" + port + "-", ".log");
        this.hook = new Thread(this::destroy, "breakwater-test-redis-stop-" + port);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * @param extra more server options ({@code --requirepass}, {@code --user}, TLS)
     * @return a running server
     */
    public static RedisServer start(String... extra) throws IOException, InterruptedException {
        return startWithCli(List.of(), extra);
    }

    /**
     * @param cliAuth the {@code redis-cli} options that authenticate the test's admin commands
     * @param extra more server options
     */
    public static RedisServer startWithCli(List<String> cliAuth, String... extra)
            throws IOException, InterruptedException {
        RedisServer server = new RedisServer(freePort(), List.of(extra), cliAuth);
        server.launch();
        return server;
    }

    /**
     * A server on a port a killed one left (for a test whose server runs in another class loader's object): empty, as
     * after a crash.
     *
     * @param port the port to listen on
     * @param cliAuth the {@code redis-cli} options that authenticate the test's admin commands
     * @param extra more server options
     */
    public static RedisServer startOn(int port, List<String> cliAuth, String... extra)
            throws IOException, InterruptedException {
        RedisServer server = new RedisServer(port, List.of(extra), cliAuth);
        server.launch();
        return server;
    }

    /** @return the program's path on the {@code PATH}; fails naming the package that brings it when it is missing */
    private static String installed(String program) {
        for (String directory :
                System.getenv()
                        .getOrDefault("PATH", "/usr/bin")
                        .split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(
                program
                        + " is not on the PATH: fleet mode's tests start a real Redis; install"
                        + " it (Debian/Ubuntu: apt-get install -y redis-server; .ci/run does so when it is missing)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                SERVER,
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--enable-debug-command",
                                "local",
                                "--daemonize",
                                "no"));
        if (!extra.contains("--tls-port")) {
            command.addAll(List.of("--port", Integer.toString(port)));
        }
        command.addAll(
                extra.stream()
                        .map(option -> option.replace("{port}", Integer.toString(port)))
                        .toList());
        process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                destroy();
                throw new IllegalStateException(
                        "redis-server did not answer PING on port "
                                + port
                                + " within "
                                + START_SECONDS
                                + " s; its log: "
                                + Files.readString(log));
            }
            Thread.sleep(20); // polling the port until it answers, not an assertion
        }
    }

    /** A PING over a plain socket: any reply (PONG, or NOAUTH from a server that wants a password) means it is up. */
    private boolean answers() {
        if (extra.contains("--tls-port")) {
            return tlsListening();
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            return first == '+' || first == '-';
        } catch (IOException notYet) {
            return false;
        }
    }

    private boolean tlsListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** @return the server's URI, without credentials */
    public RedisURI uri() {
        return RedisURI.create("redis://127.0.0.1:" + port);
    }

    /** Runs an admin command through {@code redis-cli} and returns its output. */
    public String cli(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(CLI, "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(cliAuth);
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!cli.waitFor(10, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new IllegalStateException(
                    "redis-cli " + List.of(args) + " did not finish within 10 s");
        }
        return new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /** Starts an admin command through {@code redis-cli} without waiting for it (DEBUG SLEEP blocks its client). */
    Process cliInBackground(String... args) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(CLI, "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(cliAuth);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Sends a signal to the server process ({@code KILL}, {@code STOP}, {@code CONT}). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
        if (name.equals("KILL")) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts a new server on the same port with the same options (after {@code kill -9}): empty, as after a crash. */
    void restart() throws IOException, InterruptedException {
        launch();
    }

    /** Brings a stopped or killed server back, after a test that failed between a fault and its end. */
    void heal() throws IOException, InterruptedException {
        if (process.isAlive()) {
            signal("CONT");
        } else {
            launch();
        }
    }

    private void destroy() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it stops the server itself.
        }
    }
}
