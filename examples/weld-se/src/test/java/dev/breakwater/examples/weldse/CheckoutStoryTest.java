package dev.breakwater.examples.weldse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The story {@link Main} tells happens from start to end over HTTP on loopback, with a short breaker delay set as
 * an operator would.
 */
class CheckoutStoryTest {

    @Test
    void theBreakerOpensSparesTheGatewayAndClosesAgain() throws IOException, InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CheckoutStory.Result result;
        try (GatewayServer gateway = GatewayServer.start();
                WeldContainer container =
                        Containers.start(gateway, Map.of("CIRCUITBREAKER_DELAY", "200"))) {
            CheckoutStory story =
                    new CheckoutStory(
                            container.select(PaymentClient.class).get(),
                            gateway,
                            new PrintStream(printed, true, StandardCharsets.UTF_8),
                            Duration.ofSeconds(10));
            result = story.run();
        }

        assertThat(result.happened()).isTrue();
        assertThat(result.charged()).isEqualTo(5 + 1 + 3);
        assertThat(result.failedAtGateway()).isEqualTo(1);
        assertThat(result.gatewayCallsWhileOpen()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains(
                        "2. The gateway goes down",
                        "5. The trial call succeeded: the breaker is closed again");
    }
}
