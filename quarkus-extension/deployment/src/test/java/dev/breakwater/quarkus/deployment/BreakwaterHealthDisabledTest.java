package dev.breakwater.quarkus.deployment;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus.breakwater.health.enabled=false}, Breakwater's readiness checks are left out and the
 * application's own stay.
 */
class BreakwaterHealthDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            HealthCheckTest.Gateway.class,
                                            HealthCheckTest.class,
                                            RateLimiterHealthCheckTest.class,
                                            RateLimiterHealthCheckTest.Quota.class,
                                            OwnCheck.class))
                    .overrideConfigKey("quarkus.breakwater.health.enabled", "false");

    @Test
    void readinessHasTheApplicationsCheckButNotBreakwaters() {
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem(OwnCheck.NAME))
                .body("checks.name", not(hasItem("circuit breakers")))
                .body("checks.name", not(hasItem("rate limiters")));
    }

    @Readiness
    @ApplicationScoped
    static class OwnCheck implements HealthCheck {
        static final String NAME = "own";

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.up(NAME);
        }
    }
}
