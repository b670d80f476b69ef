package dev.breakwater.examples.checkout;

import static io.restassured.RestAssured.given;

import dev.breakwater.examples.checkout.gateway.Knobs;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives the running application over HTTP, as its clients and its operators do. */
final class Shop {

    static final Knobs OUTAGE = new Knobs(true, 0, 0);

    private static final AtomicInteger ORDERS = new AtomicInteger();

    private Shop() {}

    static Response checkout() {
        return given().contentType(ContentType.JSON)
                .body(new ChargeRequest("order-" + ORDERS.incrementAndGet(), 1200))
                .post("/checkout");
    }

    static Response catalogue() {
        return given().get("/catalogue");
    }

    static void turn(Knobs knobs) {
        given().contentType(ContentType.JSON)
                .body(knobs)
                .post("/gateway/knobs")
                .then()
                .statusCode(200);
    }

    static long chargesAtGateway() {
        return given().get("/gateway/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("charges");
    }

    static long catalogueCallsAtGateway() {
        return given().get("/gateway/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("catalogue");
    }

    static boolean isBreakerOpen(Response response) {
        return response.statusCode() == 503
                && "circuit-open".equals(response.jsonPath().getString("error"));
    }

    /** Checks out until the breaker refuses an order, and returns that response. */
    static Response checkoutUntilOpen() {
        for (int i = 0; i < 50; i++) {
            Response response = checkout();
            if (isBreakerOpen(response)) {
                return response;
            }
        }
        throw new AssertionError("the breaker did not open in 50 checkouts");
    }

    /**
     * Checks out every 20 ms until one succeeds or the deadline passes; returns the last response. While the
     * breaker waits out its delay, each of these is refused at once.
     */
    static Response checkoutUntilSuccess(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Response response = checkout();
        while (response.statusCode() != 200 && System.nanoTime() < end) {
            Thread.sleep(20);
            response = checkout();
        }
        return response;
    }
}
