package dev.breakwater.examples.weldse;

import java.io.IOException;
import java.time.Duration;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Starts a stand-in payment gateway on loopback, points {@code payment.gateway.url} at it, boots Weld SE, which
 * finds this application's beans and Breakwater's CDI extension on the class path, and tells the checkout story.
 * Exits with 1 when the story did not happen (for example, the breaker never opened).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        CheckoutStory.Result result;
        try (GatewayServer gateway = GatewayServer.start()) {
            // System properties rank above the config file, so the story's own gateway is the one
            // called.
            System.setProperty(PaymentGateway.URL_PROPERTY, gateway.chargesUrl().toString());
            try (WeldContainer container = new Weld().initialize()) {
                CheckoutStory story =
                        new CheckoutStory(
                                container.select(PaymentClient.class).get(),
                                gateway,
                                System.out,
                                Duration.ofSeconds(60));
                result = story.run();
            }
        }
        System.out.printf(
                "%d charged, %d failed at the gateway, %d deferred by the open breaker"
                        + " with %d gateway calls%n",
                result.charged(),
                result.failedAtGateway(),
                result.refusedWhileOpen(),
                result.gatewayCallsWhileOpen());
        if (!result.happened()) {
            System.exit(1);
        }
    }
}
