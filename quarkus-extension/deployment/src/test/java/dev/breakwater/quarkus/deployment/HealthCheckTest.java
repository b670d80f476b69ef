package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With quarkus-smallrye-health, readiness reports each circuit breaker by name, with its state and the methods it
 * guards; an open or held-open breaker is reported, and the application stays ready, unless configured otherwise
 * ({@link DownWhenOpenHealthCheckTest}).
 */
class HealthCheckTest {

    static final String BREAKER = "payment-gateway";
    static final String OTHER = Gateway.class.getName() + "#status";
    static final String CHECK = "checks.find { it.name == 'circuit breakers' }";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest().withApplicationRoot(archive -> archive.addClasses(Gateway.class));

    @Inject Gateway gateway;

    @Inject CircuitBreakers breakers;

    @Test
    void readinessReportsTheBreakerAndStaysUpWhileItIsOpen() {
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.'" + BREAKER + "'", equalTo("CLOSED"))
                .body(
                        CHECK + ".data.'" + BREAKER + " methods'",
                        equalTo(
                                Gateway.class.getName()
                                        + ".charge(), "
                                        + Gateway.class.getName()
                                        + ".refund()"))
                .body(CHECK + ".data.'" + OTHER + "'", equalTo("CLOSED"))
                .body(
                        CHECK + ".data.'" + OTHER + " methods'",
                        equalTo(Gateway.class.getName() + ".status()"));

        assertThatThrownBy(gateway::charge).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(gateway::charge).isInstanceOf(CircuitBreakerOpenException.class);

        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.'" + BREAKER + "'", equalTo("OPEN"))
                .body(CHECK + ".data.'" + OTHER + "'", equalTo("CLOSED"));
    }

    @Test
    void aBreakerHeldClosedOrDisabledIsReportedAsSuch() {
        try {
            breakers.holdClosed(OTHER);
            RestAssured.when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(CHECK + ".status", equalTo("UP"))
                    .body(CHECK + ".data.'" + OTHER + "'", equalTo("HELD_CLOSED"));
            breakers.disable(OTHER);
            RestAssured.when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(CHECK + ".status", equalTo("UP"))
                    .body(CHECK + ".data.'" + OTHER + "'", equalTo("DISABLED"));
        } finally {
            breakers.forceClosed(OTHER);
        }
    }

    @Test
    void aBreakerHeldOpenIsReportedAsHeldOpenAndTheApplicationStaysReady() {
        breakers.holdOpen(OTHER);
        try {
            RestAssured.when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(CHECK + ".status", equalTo("UP"))
                    .body(CHECK + ".data.'" + OTHER + "'", equalTo("HELD_OPEN"));
        } finally {
            breakers.forceClosed(OTHER);
        }
    }

    @ApplicationScoped
    static class Gateway {
        @CircuitBreaker(
                requestVolumeThreshold = 1,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerName(BREAKER)
        void charge() {
            throw new IllegalStateException("gateway down");
        }

        @CircuitBreaker(
                requestVolumeThreshold = 1,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerName(BREAKER)
        void refund() {}

        @CircuitBreaker(
                requestVolumeThreshold = 1,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        void status() {}
    }
}
