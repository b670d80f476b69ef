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
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Breakwater's own settings under {@code quarkus.breakwater} take effect: the breakers' check goes down while a
 * breaker is open, and refusals are the stackless subclasses; no warning of old keys.
 */
class QuarkusBreakwaterKeysTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            HealthCheckTest.Gateway.class, HealthCheckTest.class))
                    .overrideConfigKey("quarkus.breakwater.health.down-when-open", "true")
                    .overrideConfigKey("quarkus.breakwater.refusals.stackless", "true")
                    .setLogRecordPredicate(
                            record -> record.getLoggerName().equals(RenamedKeysTest.LOGGER))
                    .assertLogRecords(records -> assertThat(records).isEmpty());

    @Inject HealthCheckTest.Gateway gateway;

    @Inject CircuitBreakers breakers;

    @Test
    void anOpenBreakerRefusesStacklessAndTakesTheApplicationOutOfReadiness() {
        breakers.resetAll();
        assertThatThrownBy(gateway::charge).isInstanceOf(IllegalStateException.class);

        Throwable refusal = catchThrowable(gateway::charge);

        assertThat(refusal).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(refusal.getClass()).isNotEqualTo(CircuitBreakerOpenException.class);
        assertThat(refusal.getStackTrace()).isEmpty();
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN"))
                .body(CHECK + ".data.'" + BREAKER + "'", equalTo("OPEN"));
    }
}
