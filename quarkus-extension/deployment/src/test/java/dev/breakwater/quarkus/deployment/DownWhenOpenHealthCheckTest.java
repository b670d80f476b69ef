package dev.breakwater.quarkus.deployment;

import static dev.breakwater.quarkus.deployment.HealthCheckTest.BREAKER;
import static dev.breakwater.quarkus.deployment.HealthCheckTest.CHECK;
import static dev.breakwater.quarkus.deployment.HealthCheckTest.OTHER;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus.breakwater.health.down-when-open=true}, the application is not ready while a breaker refuses
 * calls: open, or held open by an operator.
 */
class DownWhenOpenHealthCheckTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            HealthCheckTest.Gateway.class, HealthCheckTest.class))
                    .overrideConfigKey("quarkus.breakwater.health.down-when-open", "true");

    @Inject HealthCheckTest.Gateway gateway;

    @Inject CircuitBreakers breakers;

    @Test
    void readinessIsDownWhileABreakerIsOpen() {
        breakers.resetAll();
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(CHECK + ".status", equalTo("UP"));

        assertThatThrownBy(gateway::charge).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(gateway::charge).isInstanceOf(CircuitBreakerOpenException.class);

        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN"))
                .body(CHECK + ".data.'" + BREAKER + "'", equalTo("OPEN"))
                .body(CHECK + ".data.'" + OTHER + "'", equalTo("CLOSED"));
    }

    @Test
    void readinessIsDownWhileABreakerIsHeldOpenAndSaysSo() {
        breakers.resetAll();
        breakers.holdOpen(OTHER);
        try {
            RestAssured.when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body(CHECK + ".status", equalTo("DOWN"))
                    .body(CHECK + ".data.'" + OTHER + "'", equalTo("HELD_OPEN"))
                    .body(CHECK + ".data.'" + BREAKER + "'", equalTo("CLOSED"));
        } finally {
            breakers.resetAll();
        }
    }
}
