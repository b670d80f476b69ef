package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The default thread pool of typed guards starts its threads on first use only, names them
 * {@code breakwater-default-*} and makes them daemons. Checked in a JVM of its own ({@link DefaultThreadPoolsProbe}),
 * since another test of this JVM may already have used the pool.
 */
class DefaultThreadPoolsTest {

    @Test
    void threadsStartOnFirstUseAsNamedDaemons() throws Exception {
        List<String> lines = runProbe();

        assertThat(lines)
                .containsExactly(
                        "after building guards: []",
                        "after synchronous calls without a timeout: []",
                        "after a non-blocking call: []",
                        "after an offloaded call: [breakwater-default-async-1 daemon]",
                        "after a synchronous timeout: [breakwater-default-async-1 daemon, breakwater-default-watchdog daemon]",
                        "exited");
    }

    private static List<String> runProbe() throws Exception {
        String java =
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process probe =
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                DefaultThreadPoolsProbe.class.getName())
                        .redirectErrorStream(true)
                        .start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS))
                .as("the probe ends: daemon threads keep no JVM alive")
                .isTrue();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
