package dev.breakwater.examples.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Breakwater inside a WAR on Open Liberty, over real HTTP: the breaker opens during a gateway outage, then answers
 * 503 with Retry-After without calling the gateway, and closes again through a trial call once the gateway is
 * back. The server (started by the liberty-maven-plugin) has no mpFaultTolerance feature, so every behaviour seen
 * here is Breakwater's. The breaker opens once half of its last 4 calls failed and stays open 5 s
 * (META-INF/microprofile-config.properties).
 */
class CheckoutIT {

    private static final URI BASE =
            URI.create(System.getProperty("checkout.url", "http://localhost:19080/api") + "/");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private int orders;

    private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(BASE.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> checkout() throws IOException, InterruptedException {
        orders++;
        return post("checkout/order-" + orders);
    }

    private static long gatewayCharges() throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(BASE.resolve("gateway/charges")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Long.parseLong(response.body().trim());
    }

    private static boolean refusedByOpenBreaker(HttpResponse<String> response) {
        return response.statusCode() == 503 && response.body().startsWith("circuit open");
    }

    @Test
    void theBreakerOpensFailsFastAndClosesAgain() throws IOException, InterruptedException {
        assertThat(checkout().statusCode()).isEqualTo(200);
        long healthyCharges = gatewayCharges();
        assertThat(healthyCharges).isEqualTo(1);

        assertThat(post("gateway/outage?on=true").statusCode()).isEqualTo(200);
        HttpResponse<String> response = checkout();
        int failedAtGateway = 0;
        while (!refusedByOpenBreaker(response) && failedAtGateway < 20) {
            assertThat(response.statusCode()).isEqualTo(502);
            failedAtGateway++;
            response = checkout();
        }
        assertThat(refusedByOpenBreaker(response)).as("the breaker opened").isTrue();
        assertThat(failedAtGateway)
                .as("failures until a window of 4 holds 2 of them")
                .isBetween(2, 4);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");

        long chargesWhenOpened = gatewayCharges();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> refused = checkout();
            assertThat(refusedByOpenBreaker(refused)).isTrue();
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        }
        assertThat(gatewayCharges())
                .as("no call reached the gateway while open")
                .isEqualTo(chargesWhenOpened);

        assertThat(post("gateway/outage?on=false").statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        response = checkout();
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            assertThat(refusedByOpenBreaker(response)).isTrue();
            Thread.sleep(100);
            response = checkout();
        }
        assertThat(response.statusCode()).as("the trial call went through").isEqualTo(200);
        assertThat(gatewayCharges()).isEqualTo(chargesWhenOpened + 1);
        for (int i = 0; i < 3; i++) {
            assertThat(checkout().statusCode()).isEqualTo(200);
        }
        assertThat(gatewayCharges())
                .as("closed: every checkout reaches the gateway")
                .isEqualTo(chargesWhenOpened + 4);
    }
}
