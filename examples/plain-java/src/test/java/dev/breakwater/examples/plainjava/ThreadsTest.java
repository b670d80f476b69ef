package dev.breakwater.examples.plainjava;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example's threads are named as Breakwater's, and none outlives the servers and client it belongs to. */
class ThreadsTest {

    private static final String PREFIX = "breakwater-example-";

    @Test
    void closingTheShopAndTheGatewayEndsTheirThreads() throws IOException, InterruptedException {
        try (GatewayServer gateway = GatewayServer.start();
                Shop shop =
                        Shop.start(
                                gateway.chargesUrl(),
                                new GuardSettings(
                                        Duration.ofSeconds(5),
                                        2,
                                        Duration.ZERO,
                                        Duration.ZERO,
                                        4,
                                        0.5,
                                        Duration.ofMinutes(1),
                                        4),
                                change -> {})) {
            assertThat(new Customer(shop.checkoutUrl()).order().status()).isEqualTo(200);
            assertThat(ours())
                    .extracting(Thread::getName)
                    .anySatisfy(name -> assertThat(name).startsWith(PREFIX + "checkout-"))
                    .anySatisfy(name -> assertThat(name).startsWith(PREFIX + "gateway-"))
                    .anySatisfy(name -> assertThat(name).startsWith(PREFIX + "payment-client-"));
        }

        // A terminated pool has finished its tasks, but its threads may still be on their way out:
        // join them.
        for (Thread thread : ours()) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        assertThat(ours()).isEmpty();
    }

    private static List<Thread> ours() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(PREFIX) && thread.isAlive())
                .toList();
    }
}
