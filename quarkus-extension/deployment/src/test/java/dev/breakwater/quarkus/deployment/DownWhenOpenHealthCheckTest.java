package dev.breakwater.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.breakwater.quarkus.deployment.HealthCheckTest.BREAKER;
import static dev.breakwater.quarkus.deployment.HealthCheckTest.CHECK;
import static dev.breakwater.quarkus.deployment.HealthCheckTest.OTHER;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/** With {@code breakwater.health.down-when-open=true}, the application is not ready while a breaker is open. */
class DownWhenOpenHealthCheckTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(archive -> archive.addClasses(HealthCheckTest.Gateway.class, HealthCheckTest.class))
            .overrideConfigKey("breakwater.health.down-when-open", "true");

    @Inject
    HealthCheckTest.Gateway gateway;

    @Test
    void readinessIsDownWhileABreakerIsOpen() {
        RestAssured.when().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"));

        assertThatThrownBy(gateway::charge).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(gateway::charge).isInstanceOf(CircuitBreakerOpenException.class);

        RestAssured.when().get("/q/health/ready").then().statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN"))
                .body(CHECK + ".data.'" + BREAKER + "'", equalTo("OPEN"))
                .body(CHECK + ".data.'" + OTHER + "'", equalTo("CLOSED"));
    }
}
