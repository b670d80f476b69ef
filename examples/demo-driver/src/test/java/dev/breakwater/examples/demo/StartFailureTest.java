package dev.breakwater.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartFailureTest {

    @Test
    void theRootCauseAndItsMessageLinesExplainAFailedStart() {
        List<String> log =
                List.of(
                        "2026-12-07 11:37:20,096 ERROR [io.quarkus.runtime.Application] (main) Failed to start application: java.lang.RuntimeException: Failed to start quarkus",
                        "\tat io.quarkus.runner.ApplicationImpl.doStart(Unknown Source)",
                        "Caused by: java.lang.IllegalStateException: wrapper",
                        "\tat dev.breakwater.quarkus.GuardedPipelines.assemble(GuardedPipelines.java:109)",
                        "Caused by: FaultToleranceDefinitionException: 1 fault tolerance definition errors:",
                        "  1. config key quarkus.breakwater.fleet.breakers needs Redis",
                        "\tat dev.breakwater.cdi.DefinitionErrors.toException(DefinitionErrors.java:40)",
                        "\t... 9 more");

        assertThat(FleetDemo.startFailure(log))
                .isEqualTo(
                        ": FaultToleranceDefinitionException: 1 fault tolerance definition errors:"
                                + System.lineSeparator()
                                + "    1. config key quarkus.breakwater.fleet.breakers needs Redis");
    }

    @Test
    void withoutACauseTheFirstErrorLineExplainsIt() {
        List<String> log =
                List.of(
                        "2026-12-07 11:37:18,928 WARN  [io.quarkus.config] (main) something",
                        "2026-12-07 11:37:20,096 ERROR [io.quarkus] (main) Port 4000 seems to be in use",
                        "2026-12-07 11:37:20,097 ERROR [io.quarkus] (main) later");

        assertThat(FleetDemo.startFailure(log))
                .isEqualTo(
                        ": 2026-12-07 11:37:20,096 ERROR [io.quarkus] (main) Port 4000 seems to be in use");
    }

    @Test
    void aLogWithoutErrorsExplainsNothing() {
        assertThat(FleetDemo.startFailure(List.of("started"))).isEmpty();
    }
}
