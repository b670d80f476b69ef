package dev.breakwater.examples.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.examples.checkout.gateway.Knobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bulkhead over real HTTP, with room for one payment at a time: while a slow payment is in flight, the next
 * checkout is turned away at once with 503 and Retry-After, and only the first reaches the gateway.
 */
@QuarkusTest
@TestProfile(BulkheadTest.OnePaymentAtATime.class)
class BulkheadTest {

    /** The test profile with a bulkhead of one. */
    public static class OnePaymentAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "%test.dev.breakwater.examples.checkout.PaymentService/charge/Bulkhead/value",
                    "1");
        }
    }

    @Test
    void aCheckoutWhileThePaymentBeforeItIsInFlightIsTurnedAway() throws Exception {
        Shop.turn(new Knobs(false, 0, 2000));
        long before = Shop.chargesAtGateway();
        FutureTask<Response> first = new FutureTask<>(Shop::checkout);
        new Thread(first, "breakwater-test-first-payment").start();
        awaitChargesAtGateway(before + 1, Duration.ofSeconds(10));

        Response second = Shop.checkout();

        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.header("Retry-After")).isEqualTo("1");
        assertThat(second.jsonPath().getString("error")).isEqualTo("busy");
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(Shop.chargesAtGateway()).isEqualTo(before + 1);
    }

    /** Polls until the first payment has reached the gateway, where it waits out the gateway's latency. */
    private static void awaitChargesAtGateway(long expected, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (Shop.chargesAtGateway() < expected) {
            if (System.nanoTime() > end) {
                throw new AssertionError(
                        "the first payment did not reach the gateway in " + deadline);
            }
            Thread.sleep(10);
        }
    }
}
