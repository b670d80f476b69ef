package dev.breakwater.examples.weldse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded client against a stand-in gateway over HTTP on loopback, observed through the receipts and the
 * number of charge requests the gateway received.
 */
class PaymentClientTest {

    private static final String CHARGE = "DEV_BREAKWATER_EXAMPLES_WELDSE_PAYMENTCLIENT_CHARGE_";

    private WeldContainer container;
    private PaymentClient client;
    private GatewayServer gateway;
    private int orders;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = GatewayServer.start();
    }

    private void start(Map<String, String> environment) {
        container = Containers.start(gateway, environment);
        client = container.select(PaymentClient.class).get();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        gateway.close();
    }

    private Receipt charge() {
        orders++;
        return client.charge(new Order("order-" + orders, 500));
    }

    /** Charges until the breaker refuses an order; returns how many calls reached the gateway before that. */
    private int gatewayCallsUntilOpen() {
        for (int i = 0; i < 100; i++) {
            if (DeferPayment.BREAKER_OPEN.equals(charge().detail())) {
                return gateway.calls();
            }
        }
        throw new AssertionError("the breaker did not open in 100 orders");
    }

    @Test
    void aHealthyGatewayChargesEveryOrderOnce() {
        start(Map.of());

        for (int i = 0; i < 3; i++) {
            assertThat(charge().outcome()).isEqualTo(Receipt.Outcome.CHARGED);
        }
        assertThat(gateway.calls()).isEqualTo(3);
    }

    @Test
    void theConfigFileOverridesTheAnnotationsRetries() {
        start(Map.of());
        gateway.outage(true);

        Receipt receipt = charge();

        assertThat(receipt.outcome()).isEqualTo(Receipt.Outcome.DEFERRED);
        assertThat(receipt.detail()).isEqualTo(DeferPayment.GATEWAY_FAILED);
        assertThat(gateway.calls())
                .as("one call and the file's one retry, not the annotation's two")
                .isEqualTo(2);
    }

    @Test
    void anEnvironmentVariableOverridesTheConfigFile() {
        start(Map.of(CHARGE + "RETRY_MAXRETRIES", "0"));
        gateway.outage(true);

        charge();

        assertThat(gateway.calls()).isEqualTo(1);
    }

    @Test
    void theOpenBreakerDefersOrdersWithoutCallingTheGateway() {
        start(Map.of());
        gateway.outage(true);
        int callsWhenOpened = gatewayCallsUntilOpen();

        for (int i = 0; i < 10; i++) {
            Receipt receipt = charge();
            assertThat(receipt.outcome()).isEqualTo(Receipt.Outcome.DEFERRED);
            assertThat(receipt.detail()).isEqualTo(DeferPayment.BREAKER_OPEN);
        }
        assertThat(gateway.calls()).isEqualTo(callsWhenOpened);
    }

    @Test
    void theBreakerOpensOnceItsWindowOfFourOutcomesIsFull() {
        start(Map.of());
        gateway.outage(true);

        assertThat(gatewayCallsUntilOpen()).isEqualTo(4);
    }

    @Test
    void aShortEnvironmentVariableSetsEveryBreaker() {
        start(Map.of("CIRCUITBREAKER_REQUESTVOLUMETHRESHOLD", "10"));
        gateway.outage(true);

        assertThat(gatewayCallsUntilOpen()).isEqualTo(10);
    }

    @Test
    void theBreakerClosesAfterATrialCallOnceTheGatewayIsBack() throws InterruptedException {
        start(Map.of(CHARGE + "CIRCUITBREAKER_DELAY", "100"));
        gateway.outage(true);
        gatewayCallsUntilOpen();
        gateway.outage(false);

        Receipt trial = pollUntilCharged(Duration.ofSeconds(10));

        assertThat(trial.outcome()).isEqualTo(Receipt.Outcome.CHARGED);
        int callsAfterTrial = gateway.calls();
        for (int i = 0; i < 5; i++) {
            assertThat(charge().outcome()).isEqualTo(Receipt.Outcome.CHARGED);
        }
        assertThat(gateway.calls()).isEqualTo(callsAfterTrial + 5);
    }

    private Receipt pollUntilCharged(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Receipt receipt = charge();
        while (receipt.outcome() != Receipt.Outcome.CHARGED && System.nanoTime() < end) {
            Thread.sleep(20);
            receipt = charge();
        }
        return receipt;
    }
}
