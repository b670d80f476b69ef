package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With quarkus-smallrye-health, readiness has a {@code rate limiters} check next to the circuit breakers': for each
 * rate-limited method its limit, the permits left and the calls refused. It stays up while a limiter refuses calls.
 */
class RateLimiterHealthCheckTest {

    static final String CHECK = "checks.find { it.name == 'rate limiters' }";
    static final String METHOD = Quota.class.getName() + ".take()";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest().withApplicationRoot(archive -> archive.addClasses(Quota.class));

    @Inject Quota quota;

    @Test
    void readinessShowsEachLimitWithItsPermitsLeftAndRefusalsAndStaysUpWhileItRefuses() {
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.'" + METHOD + "'", equalTo("2 per 3600000 ms (FIXED)"))
                .body(CHECK + ".data.'" + METHOD + " permits left'", equalTo(2))
                .body(CHECK + ".data.'" + METHOD + " refused'", equalTo(0));

        quota.take();
        quota.take();
        assertThatThrownBy(quota::take).isInstanceOf(RateLimitException.class);

        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.'" + METHOD + " permits left'", equalTo(0))
                .body(CHECK + ".data.'" + METHOD + " refused'", equalTo(1));
    }

    @ApplicationScoped
    static class Quota {
        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        void take() {}
    }
}
