package dev.breakwater.quarkus.deployment;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.redis.RedisServer;
import dev.breakwater.redis.TestCertificates;
import dev.breakwater.redis.protocol.FleetProtocol;
import dev.breakwater.redis.protocol.ScriptCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Real redis-servers for the fleet tests of this JVM, one per name, started on a free loopback port when first asked
 * for and stopped by their shutdown hooks; commands from outside the application go through {@code redis-cli}
 * processes (Lettuce, the other Redis client in the project, needs Netty 4.2, which Quarkus's class path does not
 * have). The ports are kept in system properties because QuarkusUnitTest loads a test class twice (once to build the
 * application, once in the application's class loader): the second load finds the server the first started.
 */
final class FleetRedis {

    private static final String PORT = "breakwater.test.fleet.redis.port.";
    private static final String AUTH = "breakwater.test.fleet.redis.auth.";
    private static final String OPTIONS = "breakwater.test.fleet.redis.options.";
    private static final String CA = "breakwater.test.fleet.redis.ca.";

    private FleetRedis() {}

    /** @return the URI of the shared server, starting it if none runs yet */
    static String uri() {
        return uri("shared");
    }

    /**
     * @param name the server's name in this JVM
     * @return its URI, starting it if none runs yet
     */
    static synchronized String uri(String name) {
        return "redis://127.0.0.1:" + port(name);
    }

    /**
     * @param name the server's name in this JVM
     * @param cliAuth the {@code redis-cli} options that authenticate the test's own commands
     * @param extra more server options ({@code --user}, {@code --requirepass})
     * @return its port, starting it if none runs yet
     */
    static synchronized String start(String name, List<String> cliAuth, String... extra) {
        String port = System.getProperty(PORT + name);
        if (port == null) {
            try {
                port = Integer.toString(RedisServer.startWithCli(cliAuth, extra).port());
            } catch (Exception e) {
                throw new IllegalStateException(
                        "redis-server did not start for the fleet tests", e);
            }
            System.setProperty(PORT + name, port);
            System.setProperty(AUTH + name, String.join("\n", cliAuth));
            System.setProperty(OPTIONS + name, String.join("\n", extra));
        }
        return port;
    }

    /**
     * A server that takes TLS connections only, its certificate (for IP 127.0.0.1) signed by a certificate authority
     * generated for it with {@code openssl}; the test's own commands trust that authority.
     *
     * @param name the server's name in this JVM
     * @return its port, starting it if none runs yet
     */
    static synchronized String startTls(String name) {
        if (System.getProperty(PORT + name) == null) {
            Path dir = certificates();
            String ca = dir.resolve("ca.crt").toString();
            System.setProperty(CA + name, ca);
            start(
                    name,
                    List.of("--tls", "--cacert", ca),
                    "--port",
                    "0",
                    "--tls-port",
                    "{port}",
                    "--tls-cert-file",
                    dir.resolve("redis.crt").toString(),
                    "--tls-key-file",
                    dir.resolve("redis.key").toString(),
                    "--tls-ca-cert-file",
                    ca,
                    "--tls-auth-clients",
                    "no");
        }
        return System.getProperty(PORT + name);
    }

    /**
     * @param breakers the application's breakers
     * @param breaker a breaker's name
     * @param state the state to wait for
     * @return a latch counted down when the breaker next changes to that state
     */
    static CountDownLatch reaching(CircuitBreakers breakers, String breaker, BreakerState state) {
        CountDownLatch reached = new CountDownLatch(1);
        breakers.subscribe(
                breaker,
                change -> {
                    if (change.to() == state) {
                        reached.countDown();
                    }
                });
        return reached;
    }

    /** @return the PEM file of the certificate authority that signed a TLS server's certificate */
    static String certificateAuthority(String name) {
        return System.getProperty(CA + name);
    }

    private static Path certificates() {
        try {
            Path dir = Files.createTempDirectory("breakwater-fleet-tls-");
            dir.toFile().deleteOnExit(); // after its files, which are registered later
            TestCertificates.issue(dir);
            try (var files = Files.list(dir)) {
                files.forEach(file -> file.toFile().deleteOnExit());
            }
            return dir;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("no certificates for the fleet's TLS server", e);
        }
    }

    /**
     * Kills a server with {@code SIGKILL}, as a crash would: no connection is closed politely.
     *
     * @param name the server's name
     */
    static void kill(String name) throws IOException, InterruptedException {
        String pid =
                cli(name, List.of("INFO", "server")).stream()
                        .filter(line -> line.startsWith("process_id:"))
                        .map(line -> line.substring("process_id:".length()).trim())
                        .findFirst()
                        .orElseThrow();
        Process kill = new ProcessBuilder("kill", "-KILL", pid).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -KILL " + pid + " failed");
        }
        ProcessHandle.of(Long.parseLong(pid))
                .ifPresent(process -> process.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    }

    /**
     * Starts a killed server again on its port with its options: empty, as after a crash.
     *
     * @param name the server's name
     */
    static synchronized void restart(String name) throws IOException, InterruptedException {
        String auth = System.getProperty(AUTH + name, "");
        String options = System.getProperty(OPTIONS + name, "");
        RedisServer.startOn(
                Integer.parseInt(port(name)),
                auth.isEmpty() ? List.of() : List.of(auth.split("\n")),
                options.isEmpty() ? new String[0] : options.split("\n"));
    }

    private static String port(String name) {
        return start(name, List.of());
    }

    /**
     * @param name the server's name
     * @param args a command and its arguments
     * @return what {@code redis-cli} printed, one line per value of the reply
     */
    static List<String> cli(String name, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", port(name)));
        String auth = System.getProperty(AUTH + name, "");
        if (!auth.isEmpty()) {
            command.addAll(List.of(auth.split("\n")));
        }
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("redis-cli " + args.get(0) + " failed: " + out);
        }
        return out.lines().toList();
    }

    /** Runs the fleet script as another replica would, with {@code redis-cli}; returns the reply's lines. */
    static List<String> script(String name, FleetProtocol protocol, ScriptCall call)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add("EVAL");
        args.add(protocol.script().source());
        args.add(Integer.toString(call.keys().size()));
        args.addAll(call.keys());
        args.addAll(call.args());
        return cli(name, args);
    }

    /** @return a hash's fields and values */
    static Map<String, String> hash(String name, String key)
            throws IOException, InterruptedException {
        List<String> lines = cli(name, List.of("HGETALL", key));
        Map<String, String> fields = new TreeMap<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            fields.put(lines.get(i), lines.get(i + 1));
        }
        return fields;
    }

    /** @return the sum of a breaker window's fields whose names start with {@code prefix} ({@code c} or {@code f}) */
    static long windowSum(String name, String application, String breaker, char prefix)
            throws IOException, InterruptedException {
        long sum = 0;
        for (Map.Entry<String, String> field :
                hash(name, "breakwater:" + application + ":breaker:" + breaker + ":window")
                        .entrySet()) {
            if (field.getKey().charAt(0) == prefix) {
                sum += Long.parseLong(field.getValue());
            }
        }
        return sum;
    }

    /**
     * Waits, polling, for a condition on the application's effects to hold; the bound only keeps a broken run from
     * hanging, the assertion is the condition's.
     */
    static boolean eventually(Condition condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.holds();
    }

    /** A condition read from Redis or the application. */
    interface Condition {
        boolean holds() throws Exception;
    }
}
