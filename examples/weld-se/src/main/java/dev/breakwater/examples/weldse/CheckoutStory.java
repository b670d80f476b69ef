package dev.breakwater.examples.weldse;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Tells the circuit breaker's story with real calls: healthy orders, a gateway outage that opens the breaker,
 * orders refused at once while it is open, and the recovery through a trial call once the gateway is back.
 * Every order line shows how many calls reached the gateway over HTTP, which is what the breaker saves.
 */
public final class CheckoutStory {

    /** How often an order is placed while waiting for the breaker to let a trial call through. */
    private static final Duration RECOVERY_POLL = Duration.ofMillis(100);

    private final PaymentClient client;
    private final GatewayServer gateway;
    private final PrintStream out;
    private final Duration recoveryDeadline;
    private int orderNumber;

    /**
     * @param gateway          the gateway {@code client} calls over HTTP, whose outage the story switches
     * @param recoveryDeadline how long to wait for the breaker to close once the gateway is back; longer than
     *                         the breaker's delay
     */
    public CheckoutStory(
            PaymentClient client,
            GatewayServer gateway,
            PrintStream out,
            Duration recoveryDeadline) {
        this.client = client;
        this.gateway = gateway;
        this.out = out;
        this.recoveryDeadline = recoveryDeadline;
    }

    /** What happened, counted; the story happened when each phase saw what it should. */
    public record Result(
            int charged,
            int failedAtGateway,
            int refusedWhileOpen,
            int gatewayCallsWhileOpen,
            boolean closedAgain) {

        public boolean happened() {
            return charged > 0 && refusedWhileOpen > 0 && gatewayCallsWhileOpen == 0 && closedAgain;
        }
    }

    public Result run() throws InterruptedException {
        Tally tally = new Tally();

        out.println("1. The gateway is healthy");
        for (int i = 0; i < 5; i++) {
            tally.count(place());
        }

        out.println("2. The gateway goes down");
        gateway.outage(true);
        Receipt receipt;
        do {
            receipt = place();
            tally.count(receipt);
        } while (!isRefused(receipt));

        out.println("3. The breaker is open: orders are deferred without calling the gateway");
        int callsWhenOpened = gateway.calls();
        for (int i = 0; i < 5; i++) {
            tally.count(place());
        }
        int callsWhileOpen = gateway.calls() - callsWhenOpened;

        out.println(
                "4. The gateway is back; the breaker lets a trial call through after its delay");
        gateway.outage(false);
        long start = System.nanoTime();
        long deadline = start + recoveryDeadline.toNanos();
        boolean closed = false;
        int deferredWhileWaiting = 0;
        while (!closed && System.nanoTime() < deadline) {
            receipt = placeQuietly();
            tally.count(receipt);
            closed = receipt.outcome() == Receipt.Outcome.CHARGED;
            if (!closed) {
                deferredWhileWaiting++;
                Thread.sleep(RECOVERY_POLL.toMillis());
            }
        }
        out.printf(
                Locale.ROOT,
                "   %d orders deferred at once while waiting %.1f s for the trial call,"
                        + " which charged %s%n",
                deferredWhileWaiting,
                (System.nanoTime() - start) / 1e9,
                closed ? receipt.orderId() : "nothing");

        if (closed) {
            out.println("5. The trial call succeeded: the breaker is closed again");
            for (int i = 0; i < 3; i++) {
                tally.count(place());
            }
        } else {
            out.println(
                    "5. The breaker did not close within " + recoveryDeadline.toMillis() + " ms");
        }
        return new Result(tally.charged, tally.failed, tally.refused, callsWhileOpen, closed);
    }

    private static boolean isRefused(Receipt receipt) {
        return DeferPayment.BREAKER_OPEN.equals(receipt.detail());
    }

    private Receipt place() {
        int callsBefore = gateway.calls();
        long start = System.nanoTime();
        Receipt receipt = placeQuietly();
        long micros = (System.nanoTime() - start) / 1000;
        out.printf(
                Locale.ROOT,
                "   %-9s %-8s %-34s gateway calls +%d  %6d us%n",
                receipt.orderId(),
                receipt.outcome(),
                receipt.detail(),
                gateway.calls() - callsBefore,
                micros);
        return receipt;
    }

    private Receipt placeQuietly() {
        orderNumber++;
        return client.charge(new Order("order-" + orderNumber, 1000L + orderNumber));
    }

    /** Counts receipts by how they ended. */
    private static final class Tally {
        int charged;
        int failed;
        int refused;

        void count(Receipt receipt) {
            if (receipt.outcome() == Receipt.Outcome.CHARGED) {
                charged++;
            } else if (isRefused(receipt)) {
                refused++;
            } else {
                failed++;
            }
        }
    }
}
