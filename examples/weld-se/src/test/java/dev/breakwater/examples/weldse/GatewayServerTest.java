package dev.breakwater.examples.weldse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The stand-in gateway answers over HTTP, counts what reaches it, and leaves no thread behind. */
class GatewayServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> charge(GatewayServer gateway, String orderId)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(gateway.chargesUrl())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "order=" + orderId + "&amountCents=500"))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itListensOnLoopbackAndCountsEveryChargeThroughAnOutage()
            throws IOException, InterruptedException {
        try (GatewayServer gateway = GatewayServer.start()) {
            assertThat(gateway.chargesUrl().getHost()).isEqualTo("127.0.0.1");

            HttpResponse<String> charged = charge(gateway, "order-1");
            gateway.outage(true);
            HttpResponse<String> refused = charge(gateway, "order-2");

            assertThat(charged.statusCode()).isEqualTo(200);
            assertThat(charged.body()).isEqualTo("tx-1-order-1");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(gateway.calls()).isEqualTo(2);
        }
    }

    @Test
    void closingItEndsItsThreads() throws IOException, InterruptedException {
        GatewayServer gateway = GatewayServer.start();
        charge(gateway, "order-1");

        gateway.close();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("breakwater-example-gateway-"));
    }
}
