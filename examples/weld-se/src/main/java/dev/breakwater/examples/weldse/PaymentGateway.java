package dev.breakwater.examples.weldse;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a remote payment gateway so the example runs without a network: it can be switched into an
 * outage, and it counts every call that reaches it, which is how the example shows what the circuit breaker
 * saves the gateway from.
 */
@ApplicationScoped
public class PaymentGateway {

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * @return a transaction id
     * @throws GatewayUnavailableException while the gateway is down
     */
    public String charge(Order order) {
        int call = calls.incrementAndGet();
        if (down.get()) {
            throw new GatewayUnavailableException("payment gateway unavailable (call " + call + ")");
        }
        return "tx-" + call + "-" + order.id();
    }

    public void outage(boolean on) {
        down.set(on);
    }

    /** @return how many calls reached the gateway so far */
    public int calls() {
        return calls.get();
    }
}
