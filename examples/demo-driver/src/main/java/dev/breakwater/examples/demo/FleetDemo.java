package dev.breakwater.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The fleet demo: three checkout replicas behind one payment gateway, the gateway cut, once with each replica's
 * breaker on its own (cluster mode off) and once with the replicas' breakers in one fleet on Redis (cluster mode
 * on); prints how long each replica took to stop calling the gateway and how many calls the outage cost.
 *
 * <p>Arguments: {@code <the checkout's quarkus-run.jar> <log directory> [Redis URL, e.g. redis://127.0.0.1:6390]};
 * without Redis the second half reports that it is not available.
 */
final class FleetDemo {

    private static final int REPLICAS = 3;

    private static final long HEALTHY_LATENCY_MS = 30;
    private static final long OUTAGE_LATENCY_MS = 50;
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String GUARDED_METHOD =
            "dev.breakwater.examples.checkout.PaymentService.charge";

    private final Path appJar;
    private final Path logDir;
    private final URI redis;
    private final Executor httpExecutor;
    private final PrintStream out;
    private final Progress progress;

    private FleetDemo(
            Path appJar,
            Path logDir,
            URI redis,
            Executor httpExecutor,
            PrintStream out,
            Progress progress) {
        this.appJar = appJar;
        this.logDir = logDir;
        this.redis = redis;
        this.httpExecutor = httpExecutor;
        this.out = out;
        this.progress = progress;
    }

    /**
     * @param out where the timeline goes
     * @param err where the progress goes; redrawn in place when {@code live}
     * @return the exit status: 0 the story happened, 1 it did not, 2 the replicas could not start
     */
    static int run(
            String[] args, Executor httpExecutor, PrintStream out, PrintStream err, boolean live)
            throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 3) {
            err.println("usage: --fleet <checkout quarkus-run.jar> <log directory> [Redis URL]");
            return 2;
        }
        URI redis = args.length == 3 ? URI.create(args[2]) : null;
        try (Progress progress = new Progress(err, live);
                StandInGateway gateway =
                        StandInGateway.start(HEALTHY_LATENCY_MS, OUTAGE_LATENCY_MS)) {
            FleetDemo demo =
                    new FleetDemo(
                            Path.of(args[0]), Path.of(args[1]), redis, httpExecutor, out, progress);
            return demo.tell(gateway);
        }
    }

    private int tell(StandInGateway gateway) throws IOException, InterruptedException {
        out.printf(
                Locale.ROOT,
                "Breakwater fleet demo: %d checkout replicas share one payment gateway; %d orders a second in"
                        + " all,%nround-robin over them. Each replica's breaker opens when half of its last"
                        + " %d calls failed; with%ncluster mode on, also when half of the fleet's calls of"
                        + " the last 10 s failed, reported by at least 2 replicas.%n",
                REPLICAS,
                FleetStory.ORDERS_PER_SECOND,
                ReplicaConfig.REQUEST_VOLUME_THRESHOLD);
        FleetTimeline timeline = new FleetTimeline(out);
        FleetRun off = half("off", null, gateway);
        timeline.printRun(off);
        out.flush();
        if (!off.didRun()) {
            return 2;
        }
        FleetRun on =
                redis == null
                        ? FleetRun.unavailable(
                                "on", "No Redis was given (the driver's third argument).")
                        : half("on", redis, gateway);
        timeline.printRun(on);
        List<String> problems = FleetVerdict.problems(off, on);
        timeline.printComparison(off, on, problems);
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    /** Starts the replicas for one half, runs the story on them, and stops them. */
    private FleetRun half(String mode, URI redisForFleet, StandInGateway gateway)
            throws IOException, InterruptedException {
        progress.note(
                "Cluster mode "
                        + mode
                        + ": starting "
                        + REPLICAS
                        + " checkout replicas (logs: "
                        + logDir.resolve(mode + "-replica-N.log")
                        + ")...");
        List<Replica> replicas = new ArrayList<>();
        Thread stopOnExit = new Thread(() -> closeAll(replicas), "breakwater-demo-stop-replicas");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        long started = System.nanoTime();
        try {
            List<String> names = new ArrayList<>();
            List<ShopClient> shops = new ArrayList<>();
            for (int i = 1; i <= REPLICAS; i++) {
                String name = "replica-" + i;
                Replica replica =
                        Replica.start(
                                name,
                                appJar,
                                ReplicaConfig.properties(
                                        name, gateway.baseFor(name), redisForFleet),
                                logDir.resolve(mode + "-" + name + ".log"));
                replicas.add(replica);
                names.add(name);
                shops.add(new ShopClient(replica.base(), httpExecutor));
            }
            String failed = awaitReady(replicas, shops);
            if (failed != null) {
                return FleetRun.unavailable(mode, failed);
            }
            progress.note(
                    String.format(
                            Locale.ROOT,
                            "  ready in %.1f s, on ports %s",
                            (System.nanoTime() - started) / 1e9,
                            replicas.stream().map(r -> String.valueOf(r.port())).toList()));
            return new FleetStory(gateway, names, shops, progress, GUARDED_METHOD).run(mode);
        } finally {
            closeAll(replicas);
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
    }

    /** @return null when every replica answers its readiness check, else why one does not */
    private String awaitReady(List<Replica> replicas, List<ShopClient> shops)
            throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get(i);
            while (!shops.get(i).ready()) {
                if (!replica.alive() || System.nanoTime() > deadline) {
                    String why =
                            replica.alive()
                                    ? "did not become ready within " + STARTUP.toSeconds() + " s"
                                    : "stopped at its start";
                    return replica.name()
                            + " "
                            + why
                            + startFailure(replica.logLines())
                            + " (log: "
                            + replica.log()
                            + ")";
                }
                Thread.sleep(200);
            }
        }
        return null;
    }

    /**
     * @return ": " and why the replica failed to start, from its log: the root cause of the failure (the last
     *     "Caused by:" and the lines of its message), or its first error line; "" when the log shows neither
     */
    static String startFailure(List<String> log) {
        int cause = -1;
        int firstError = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith("Caused by: ")) {
                cause = i;
            } else if (firstError < 0 && log.get(i).contains(" ERROR ")) {
                firstError = i;
            }
        }
        if (cause < 0) {
            return firstError < 0 ? "" : ": " + log.get(firstError).trim();
        }
        StringBuilder why = new StringBuilder(log.get(cause).substring("Caused by: ".length()));
        for (int i = cause + 1; i < log.size() && !log.get(i).trim().startsWith("at "); i++) {
            why.append(System.lineSeparator()).append("    ").append(log.get(i).trim());
        }
        return ": " + why;
    }

    private static void closeAll(List<Replica> replicas) {
        for (Replica replica : replicas) {
            try {
                replica.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
