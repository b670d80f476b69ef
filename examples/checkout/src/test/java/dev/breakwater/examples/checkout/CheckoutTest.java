package dev.breakwater.examples.checkout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.examples.checkout.gateway.Knobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout service against its gateway over real HTTP on loopback, with the test profile's breaker: it opens
 * once half of its last 4 calls failed and stays open 1 s (application.properties, %test). Nothing here depends
 * on how long a request takes: the tests count what reached the gateway.
 */
@QuarkusTest
class CheckoutTest {

    /** Each test starts from a healthy gateway and a closed breaker, whatever the test before it left. */
    @BeforeEach
    void healthyGatewayAndClosedBreaker() throws InterruptedException {
        Shop.turn(Knobs.HEALTHY);
        assertThat(Shop.checkoutUntilSuccess(Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
        // A half-open breaker closes after two successful trial calls (successThreshold = 2).
        assertThat(Shop.checkout().statusCode()).isEqualTo(200);
    }

    @Test
    void aHealthyGatewayChargesEachCheckoutOnce() {
        long before = Shop.chargesAtGateway();

        for (int i = 0; i < 3; i++) {
            Response response = Shop.checkout();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.jsonPath().getString("transactionId")).startsWith("tx-");
        }

        assertThat(Shop.chargesAtGateway()).isEqualTo(before + 3);
    }

    @Test
    void theBreakerClosesThroughHalfOpenOnceTheGatewayIsBack() throws InterruptedException {
        Shop.turn(Shop.OUTAGE);
        Shop.checkoutUntilOpen();
        Shop.turn(Knobs.HEALTHY);
        long chargesWhileOpen = Shop.chargesAtGateway();

        Response trial = Shop.checkoutUntilSuccess(Duration.ofSeconds(10));

        assertThat(trial.statusCode()).isEqualTo(200);
        assertThat(Shop.chargesAtGateway())
                .as("only the trial call reached the gateway")
                .isEqualTo(chargesWhileOpen + 1);
        for (int i = 0; i < 5; i++) {
            assertThat(Shop.checkout().statusCode()).isEqualTo(200);
        }
        assertThat(Shop.chargesAtGateway()).isEqualTo(chargesWhileOpen + 6);
    }

    @Test
    void theCatalogueFallsBackToTheLastGoodAnswerWhileTheGatewayIsDown() {
        Response live = Shop.catalogue();
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.jsonPath().getString("source")).isEqualTo("LIVE");
        Shop.turn(Shop.OUTAGE);
        long callsBefore = Shop.catalogueCallsAtGateway();

        Response cached = Shop.catalogue();

        assertThat(cached.statusCode()).isEqualTo(200);
        assertThat(cached.jsonPath().getString("source")).isEqualTo("CACHE");
        assertThat(cached.jsonPath().getList("products.id"))
                .isEqualTo(live.jsonPath().getList("products.id"));
        assertThat(Shop.catalogueCallsAtGateway())
                .as("the gateway was asked first")
                .isEqualTo(callsBefore + 1);
    }

    @Test
    void theBreakersStateIsAMetric() {
        given().get("/q/health/live").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("ft_circuitbreaker_state_total")
                .contains("method=\"dev.breakwater.examples.checkout.PaymentService.charge\"");
    }
}
