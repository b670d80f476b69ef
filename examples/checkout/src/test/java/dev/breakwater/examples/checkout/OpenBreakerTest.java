package dev.breakwater.examples.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast-fail path over real HTTP: once the breaker is open, checkout answers 503 with Retry-After and the
 * gateway sees no more calls. The breaker here stays open a minute, so however slow the machine, it is still
 * open for every request of the test.
 */
@QuarkusTest
@TestProfile(OpenBreakerTest.BreakerStaysOpen.class)
class OpenBreakerTest {

    /** The test profile with a breaker delay of 60 s. */
    public static class BreakerStaysOpen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "%test.dev.breakwater.examples.checkout.PaymentService/charge/CircuitBreaker/delay",
                    "60000");
        }
    }

    @Test
    void whileTheBreakerIsOpenCheckoutAnswers503WithRetryAfterAndSparesTheGateway() {
        Shop.turn(Shop.OUTAGE);
        Response opened = Shop.checkoutUntilOpen();
        long chargesWhenOpened = Shop.chargesAtGateway();

        for (int i = 0; i < 10; i++) {
            Response response = Shop.checkout();
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("60");
            assertThat(response.jsonPath().getString("error")).isEqualTo("circuit-open");
        }

        assertThat(opened.header("Retry-After")).isEqualTo("60");
        assertThat(Shop.chargesAtGateway()).isEqualTo(chargesWhenOpened);
    }
}
