package dev.breakwater.examples.plainjava;

import java.io.IOException;
import java.io.InputStream;

/**
 * Starts a stand-in payment gateway and the shop on loopback, prints how to drive them with curl and each change
 * of the payment breaker's state, and stops both when Enter is pressed (or standard input ends).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws IOException {
        try (GatewayServer gateway = GatewayServer.start();
                Shop shop =
                        Shop.start(
                                gateway.chargesUrl(),
                                GuardSettings.production(),
                                change ->
                                        System.out.println(
                                                "breaker "
                                                        + change.breaker()
                                                        + ": "
                                                        + change.from()
                                                        + " -> "
                                                        + change.to()))) {
            System.out.println(
                    "Checkout: "
                            + shop.checkoutUrl()
                            + "  (payment gateway: "
                            + gateway.baseUrl()
                            + ")");
            System.out.println();
            System.out.println("Pay for an order (200 charged, or 503 with Retry-After):");
            System.out.println("  curl -i -d order=o-1 -d amountCents=1200 " + shop.checkoutUrl());
            System.out.println("Take the gateway down, and bring it back:");
            System.out.println("  curl -X POST '" + gateway.baseUrl() + "/outage?on=true'");
            System.out.println("  curl -X POST '" + gateway.baseUrl() + "/outage?on=false'");
            System.out.println("Charges that reached the gateway:");
            System.out.println("  curl " + gateway.baseUrl() + "/stats");
            System.out.println();
            System.out.println(
                    "While the gateway is down the breaker opens after half of the last 20 calls failed;"
                            + " orders are then refused at once, without calling the gateway, until a trial call 10 s later.");
            System.out.println("Press Enter to stop.");
            waitForEnter(System.in);
        }
    }

    private static void waitForEnter(InputStream in) throws IOException {
        int read;
        do {
            read = in.read();
        } while (read != -1 && read != '\n');
    }
}
