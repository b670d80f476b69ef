package dev.breakwater.quarkus.deployment;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus.smallrye-health.extensions.enabled=false}, Quarkus leaves out every extension's health checks,
 * the circuit breakers' and the rate limiters' among them; the application's own stay.
 */
class HealthExtensionsDisabledTest {

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
                                            BreakwaterHealthDisabledTest.OwnCheck.class))
                    .overrideConfigKey("quarkus.smallrye-health.extensions.enabled", "false");

    @Test
    void readinessHasTheApplicationsCheckButNeitherTheBreakersNorTheRateLimitersCheck() {
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem(BreakwaterHealthDisabledTest.OwnCheck.NAME))
                .body("checks.name", not(hasItem("circuit breakers")))
                .body("checks.name", not(hasItem("rate limiters")));
    }
}
