package dev.breakwater.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fleet demo as ./demo.sh --fleet runs it, minus the build: three checkout replicas (processes, from the
 * checkout example's build) and a redis-server, the gateway cut with cluster mode off and on. About 40 s.
 */
class FleetDemoEndToEndTest {

    private static final Path APP = Path.of("../checkout/target/quarkus-app/quarkus-run.jar");
    private static final Path LOGS = Path.of("target/fleet-demo-test");

    @Test
    void withClusterModeOnEveryReplicaStopsCallingTheCutGatewayAfterFewerCallsThanAnyWithItOff()
            throws Exception {
        assertThat(APP).as("the checkout example's build, made before this module's").exists();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService http =
                Executors.newCachedThreadPool(
                        task -> {
                            Thread thread =
                                    new Thread(
                                            task,
                                            "breakwater-demo-http-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        ByteArrayOutputStream timeline = new ByteArrayOutputStream();
        int status;
        try (RedisServerProcess redis = RedisServerProcess.start(LOGS)) {
            status =
                    FleetDemo.run(
                            new String[] {APP.toString(), LOGS.toString(), redis.uri().toString()},
                            http,
                            new PrintStream(timeline, true, StandardCharsets.UTF_8),
                            System.err,
                            false);
        } finally {
            http.shutdownNow();
        }

        String printed = timeline.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        assertThat(printed)
                .contains(
                        "Cluster mode off:",
                        "Cluster mode on:",
                        "replica-1",
                        "replica-2",
                        "replica-3",
                        "The story happened");
    }
}
