package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When a setting is set under both its old and its new key, the new one wins and the start says the old is ignored. */
class RenamedKeyOverriddenTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            HealthCheckTest.Gateway.class, HealthCheckTest.class))
                    .overrideConfigKey("breakwater.refusals.stackless", "true")
                    .overrideConfigKey("quarkus.breakwater.refusals.stackless", "false")
                    .setLogRecordPredicate(
                            record -> record.getLoggerName().equals(RenamedKeysTest.LOGGER))
                    .assertLogRecords(
                            records ->
                                    assertThat(records)
                                            .extracting(
                                                    record ->
                                                            String.format(
                                                                    record.getMessage(),
                                                                    record.getParameters()))
                                            .containsExactly(
                                                    "breakwater.refusals.stackless = 'true' is ignored: "
                                                            + "quarkus.breakwater.refusals.stackless = 'false' is set and replaces it"));

    @Inject HealthCheckTest.Gateway gateway;

    @Inject CircuitBreakers breakers;

    @Test
    void anOpenBreakerRefusesWithTheSpecsClass() {
        breakers.resetAll();
        assertThatThrownBy(gateway::charge).isInstanceOf(IllegalStateException.class);

        assertThat(catchThrowable(gateway::charge).getClass())
                .isEqualTo(CircuitBreakerOpenException.class);
    }
}
