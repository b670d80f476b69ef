package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.FleetRateLimiterSnapshot;
import dev.breakwater.api.RateLimiters;
import dev.breakwater.quarkus.devui.BreakerDevUiService;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rate limit that {@code quarkus.breakwater.fleet.rate-limits} puts in fleet mode shows what this replica holds of
 * the fleet's limit: in its snapshot's fleet part, in the rate limiters' readiness data ({@code <method> fleet}) and
 * in the Dev UI's Fleet column, all with the same words; readiness stays up.
 */
@Timeout(60)
class FleetRateLimitHealthTest {

    static final String CHECK = "checks.find { it.name == 'rate limiters' }";
    static final String METHOD = Quota.class.getName() + ".take()";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Quota.class, FleetRedis.class))
                    .overrideConfigKey("quarkus.redis.hosts", FleetRedis.uri())
                    .overrideConfigKey(
                            "quarkus.breakwater.fleet.rate-limits", Quota.class.getName() + "#take")
                    .overrideConfigKey(
                            "quarkus.breakwater.fleet.application", "quarkus-fleet-limit")
                    .overrideConfigKey("quarkus.breakwater.fleet.instance", "quarkus-limiter")
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "50ms");

    @Inject RateLimiters limiters;

    @Inject CircuitBreakers breakers;

    private FleetRateLimiterSnapshot fleet() {
        return limiters.list().get(0).fleet();
    }

    @Test
    void readinessAndTheDevUiShowWhatThisReplicaHoldsOfTheFleetsLimit() throws Exception {
        assertThat(FleetRedis.eventually(() -> fleet().following())).isTrue();
        FleetRateLimiterSnapshot fleet = fleet();
        assertThat(fleet.instance()).isEqualTo("quarkus-limiter");
        assertThat(fleet.instances()).as("the only replica").isEqualTo(1);

        String shown =
                RestAssured.when()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body(CHECK + ".status", equalTo("UP"))
                        .extract()
                        .path(CHECK + ".data.'" + METHOD + " fleet'");
        assertThat(shown).startsWith("1 instance, ").endsWith(" in the fleet's window");

        assertThat(new BreakerDevUiService(breakers, limiters).rateLimiters())
                .singleElement()
                .satisfies(view -> assertThat(view.fleet()).startsWith("1 instance, "));
    }

    @ApplicationScoped
    static class Quota {
        @RateLimit(value = 5, window = 1, windowUnit = ChronoUnit.HOURS)
        void take() {}
    }
}
