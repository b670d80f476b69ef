package dev.breakwater.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * With quarkus-smallrye-health, readiness reports each circuit breaker's state by guarded method, and the
 * application is not ready while one is open.
 */
class HealthCheckTest {

    private static final String BREAKER = HealthCheckTest.Gateway.class.getName() + ".charge()";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(archive -> archive.addClasses(Gateway.class));

    @Inject
    Gateway gateway;

    @Test
    void readinessFollowsTheBreaker() {
        RestAssured.when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'circuit breakers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'circuit breakers' }.data.'" + BREAKER + "'", equalTo("CLOSED"));

        assertThatThrownBy(gateway::charge).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(gateway::charge).isInstanceOf(CircuitBreakerOpenException.class);

        RestAssured.when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'circuit breakers' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'circuit breakers' }.data.'" + BREAKER + "'", equalTo("OPEN"));
    }

    @ApplicationScoped
    static class Gateway {
        @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        void charge() {
            throw new IllegalStateException("gateway down");
        }
    }
}
