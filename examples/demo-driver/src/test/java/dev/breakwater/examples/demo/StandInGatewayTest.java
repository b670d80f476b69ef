package dev.breakwater.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StandInGatewayTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private StandInGateway gateway;

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private HttpResponse<String> charge(String replica, String path) throws Exception {
        URI uri = URI.create(gateway.baseFor(replica) + path);
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"orderId\":\"o-7\",\"amountCents\":1250}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void chargesAreAnsweredAndCountedForTheReplicaThatSentThem() throws Exception {
        gateway = StandInGateway.start(0, 0);
        long start = System.nanoTime();

        HttpResponse<String> answer = charge("replica-1", "/gateway/charges");
        charge("replica-2", "/gateway/charges");
        charge("replica-2", "/gateway/charges");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"orderId\":\"o-7\"", "\"transactionId\":\"tx-1\"");
        assertThat(gateway.callsSince(start))
                .extracting(StandInGateway.Call::replica)
                .containsExactly("replica-1", "replica-2", "replica-2");
    }

    @Test
    void aCutGatewayAnswers503AndStillCountsTheCall() throws Exception {
        gateway = StandInGateway.start(0, 0);
        long start = System.nanoTime();
        gateway.cut(true);

        assertThat(charge("replica-1", "/gateway/charges").statusCode()).isEqualTo(503);
        assertThat(gateway.callsSince(start)).hasSize(1);

        gateway.cut(false);
        assertThat(charge("replica-1", "/gateway/charges").statusCode()).isEqualTo(200);
    }

    @Test
    void anythingButAChargeIsNotFoundAndNotCounted() throws Exception {
        gateway = StandInGateway.start(0, 0);
        long start = System.nanoTime();

        assertThat(charge("replica-1", "/gateway/catalogue").statusCode()).isEqualTo(404);
        assertThat(gateway.callsSince(start)).isEmpty();
    }
}
