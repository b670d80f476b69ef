package dev.breakwater.examples.plainjava;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.io.IOException;
import java.net.URI;

/**
 * The application, wired by hand: the payment client, the guarded payments and the checkout endpoint. What a
 * container would assemble is three constructors here.
 */
public final class Shop implements AutoCloseable {

    private final PaymentClient client;
    private final Payments payments;
    private final CheckoutServer checkout;

    private Shop(PaymentClient client, Payments payments, CheckoutServer checkout) {
        this.client = client;
        this.payments = payments;
        this.checkout = checkout;
    }

    /**
     * @param gatewayCharges where the payment gateway takes charges
     * @param settings       the guard's values
     * @param breakerChanges told of each change of the payment breaker's state
     */
    public static Shop start(
            URI gatewayCharges, GuardSettings settings, BreakerStateListener breakerChanges)
            throws IOException {
        PaymentClient client = new PaymentClient(gatewayCharges);
        try {
            Payments payments = new Payments(client, settings, breakerChanges);
            // One worker more than the bulkhead admits, so that a full bulkhead is what answers the
            // extra order.
            return new Shop(
                    client, payments, CheckoutServer.start(payments, settings.bulkheadLimit() + 1));
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** @return where to POST orders */
    public URI checkoutUrl() {
        return checkout.checkoutUrl();
    }

    /** @return the payment breaker's state now */
    public BreakerState breakerState() {
        return payments.breakerState();
    }

    /** Stops the checkout, then the client it calls the gateway with. */
    @Override
    public void close() {
        try {
            checkout.close();
        } finally {
            client.close();
        }
    }
}
