package dev.breakwater.quarkus.deployment;

import static dev.breakwater.quarkus.deployment.HealthCheckTest.BREAKER;
import static dev.breakwater.quarkus.deployment.HealthCheckTest.CHECK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;

import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.logging.Level;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keys Breakwater's settings had before they moved under {@code quarkus.breakwater} still take effect, and the
 * start warns of each, naming its new key.
 */
class RenamedKeysTest {

    static final String LOGGER = "dev.breakwater.quarkus.RenamedKeys";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            HealthCheckTest.Gateway.class, HealthCheckTest.class))
                    .overrideConfigKey("breakwater.health.down-when-open", "true")
                    .overrideConfigKey("breakwater.refusals.stackless", "true")
                    .setLogRecordPredicate(record -> record.getLoggerName().equals(LOGGER))
                    .assertLogRecords(
                            records ->
                                    assertThat(records)
                                            .allSatisfy(
                                                    record ->
                                                            assertThat(record.getLevel())
                                                                    .isEqualTo(Level.WARNING))
                                            .extracting(
                                                    record ->
                                                            String.format(
                                                                    record.getMessage(),
                                                                    record.getParameters()))
                                            .containsExactlyInAnyOrder(
                                                    "breakwater.health.down-when-open is deprecated on Quarkus; use "
                                                            + "quarkus.breakwater.health.down-when-open",
                                                    "breakwater.refusals.stackless is deprecated on Quarkus; use "
                                                            + "quarkus.breakwater.refusals.stackless"));

    @Inject HealthCheckTest.Gateway gateway;

    @Inject CircuitBreakers breakers;

    @Test
    void anOpenBreakerRefusesStacklessAndTakesTheApplicationOutOfReadiness() {
        breakers.resetAll();
        assertThatThrownBy(gateway::charge).isInstanceOf(IllegalStateException.class);

        Throwable refusal = catchThrowable(gateway::charge);

        assertThat(refusal).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(refusal.getClass()).isNotEqualTo(CircuitBreakerOpenException.class);
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN"))
                .body(CHECK + ".data.'" + BREAKER + "'", equalTo("OPEN"));
    }
}
