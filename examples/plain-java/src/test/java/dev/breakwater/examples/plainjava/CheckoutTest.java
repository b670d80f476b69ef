package dev.breakwater.examples.plainjava;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout, guarded by the typed API alone, over real HTTP on loopback: the shop's checkout server calls the
 * stand-in gateway's server. The breaker judges windows of 4 calls; each order makes up to 3 attempts.
 */
class CheckoutTest {

    private static final Duration LONG_BREAKER_DELAY = Duration.ofMinutes(1);

    /** Short enough to wait for in a test, by placing orders until a trial call goes through. */
    private static final Duration SHORT_BREAKER_DELAY = Duration.ofMillis(200);

    /** Long enough that a loaded build machine never times out a healthy call. */
    private static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration WAIT_LIMIT = Duration.ofSeconds(10);

    private final List<String> breakerChanges = new CopyOnWriteArrayList<>();
    private GatewayServer gateway;
    private Shop shop;
    private Customer customer;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = GatewayServer.start();
    }

    @AfterEach
    void stopEverything() {
        try {
            if (shop != null) {
                shop.close();
            }
        } finally {
            gateway.close();
        }
    }

    private void openShop(Duration timeout, Duration breakerDelay, int bulkheadLimit)
            throws IOException {
        GuardSettings settings =
                new GuardSettings(
                        timeout,
                        2,
                        Duration.ZERO,
                        Duration.ZERO,
                        4,
                        0.5,
                        breakerDelay,
                        bulkheadLimit);
        shop =
                Shop.start(
                        gateway.chargesUrl(),
                        settings,
                        change -> breakerChanges.add(change.from() + " -> " + change.to()));
        customer = new Customer(shop.checkoutUrl());
    }

    private void openShop(Duration breakerDelay) throws IOException {
        openShop(GENEROUS_TIMEOUT, breakerDelay, 4);
    }

    @Test
    void anOrderIsChargedThroughTheGuard() throws IOException {
        openShop(LONG_BREAKER_DELAY);

        Customer.Answer answer = customer.order(new Order("o-7", 1250));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("charged tx-1-o-7\n");
        assertThat(gateway.calls()).isEqualTo(1);
    }

    @Test
    void aGatewayFailureIsRetriedAndTheOrderCharged() throws IOException {
        openShop(LONG_BREAKER_DELAY);
        gateway.failNext(2);

        Customer.Answer answer = customer.order();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(gateway.calls()).as("two failed attempts and the one that charged").isEqualTo(3);
    }

    @Test
    void anOrderTheGatewayKeepsFailingFallsBackTo503WithRetryAfter() throws IOException {
        openShop(LONG_BREAKER_DELAY);
        gateway.outage(true);

        Customer.Answer answer = customer.order();

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.reason()).isEqualTo("gateway-failed");
        assertThat(answer.retryAfter()).isEqualTo("1");
        assertThat(gateway.calls()).as("the first attempt and two retries").isEqualTo(3);
        assertThat(shop.breakerState())
                .as("3 failures do not fill a window of 4")
                .isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void duringAnOutageTheBreakerOpensAfterItsWindowAndLaterOrdersFailFastWithoutCallingTheGateway()
            throws IOException {
        openShop(LONG_BREAKER_DELAY);
        gateway.outage(true);

        assertThat(customer.order().reason()).isEqualTo("gateway-failed");
        Customer.Answer opening = customer.order();
        assertThat(opening.reason())
                .as(
                        "the fourth failure fills the window and opens the breaker; the retry meets it open")
                .isEqualTo("circuit-open");
        assertThat(gateway.calls()).isEqualTo(4);
        assertThat(breakerChanges).containsExactly("CLOSED -> OPEN");

        List<Customer.Answer> whileOpen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            whileOpen.add(customer.order());
        }

        assertThat(whileOpen)
                .allSatisfy(
                        answer -> {
                            assertThat(answer.status()).isEqualTo(503);
                            assertThat(answer.reason()).isEqualTo("circuit-open");
                            assertThat(Long.parseLong(answer.retryAfter()))
                                    .as("the rest of the breaker's delay, in whole seconds")
                                    .isBetween(1L, 60L);
                        });
        assertThat(gateway.calls())
                .as("no order reached the gateway while the breaker was open")
                .isEqualTo(4);
    }

    @Test
    void theBreakerClosesAgainThroughAHalfOpenTrialCallOnceTheGatewayIsBack() throws IOException {
        openShop(SHORT_BREAKER_DELAY);
        gateway.outage(true);
        customer.order();
        customer.order();
        assertThat(breakerChanges).containsExactly("CLOSED -> OPEN");
        int callsWhenOpened = gateway.calls();

        gateway.outage(false);
        List<Customer.Answer> refused = new ArrayList<>();
        Customer.Answer answer = orderUntilTheGatewayIsCalled(refused);

        assertThat(answer.status()).as("the trial call charged").isEqualTo(200);
        assertThat(refused)
                .allSatisfy(early -> assertThat(early.reason()).isEqualTo("circuit-open"));
        assertThat(gateway.calls())
                .as("only the trial call reached the gateway")
                .isEqualTo(callsWhenOpened + 1);
        assertThat(breakerChanges)
                .containsExactly("CLOSED -> OPEN", "OPEN -> HALF_OPEN", "HALF_OPEN -> CLOSED");
        assertThat(customer.order().status()).isEqualTo(200);
        assertThat(gateway.calls()).isEqualTo(callsWhenOpened + 2);
    }

    @Test
    void aTrialCallThatFailsOpensTheBreakerAgain() throws IOException {
        openShop(SHORT_BREAKER_DELAY);
        gateway.outage(true);
        customer.order();
        customer.order();
        int callsWhenOpened = gateway.calls();

        Customer.Answer trial = orderUntilTheGatewayIsCalled(new ArrayList<>());

        assertThat(trial.reason())
                .as("the trial failed and reopened the breaker, which the retry then met")
                .isEqualTo("circuit-open");
        assertThat(gateway.calls()).isEqualTo(callsWhenOpened + 1);
        assertThat(breakerChanges)
                .containsExactly("CLOSED -> OPEN", "OPEN -> HALF_OPEN", "HALF_OPEN -> OPEN");
    }

    /**
     * Places orders one after another, without pausing, until one reaches the gateway: with the breaker open, that
     * is the trial call after its delay.
     */
    private Customer.Answer orderUntilTheGatewayIsCalled(List<Customer.Answer> refusedBefore)
            throws IOException {
        int callsBefore = gateway.calls();
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Customer.Answer answer = customer.order();
            if (gateway.calls() != callsBefore) {
                return answer;
            }
            refusedBefore.add(answer);
        }
        throw new AssertionError(
                "no order reached the gateway within "
                        + WAIT_LIMIT
                        + "; breaker changes: "
                        + breakerChanges);
    }

    @Test
    void aFailureTheFallbackDoesNotKnowIsNotDressedUpAsAnAnswer() throws IOException {
        GuardSettings settings =
                new GuardSettings(
                        GENEROUS_TIMEOUT,
                        2,
                        Duration.ZERO,
                        Duration.ZERO,
                        4,
                        0.5,
                        LONG_BREAKER_DELAY,
                        4);
        // A gateway address the HTTP client refuses to use: a bug in the setup, not a failing
        // gateway.
        shop = Shop.start(URI.create("ftp://127.0.0.1/charges"), settings, change -> {});

        Customer.Answer answer = new Customer(shop.checkoutUrl()).order();

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).startsWith("checkout failed: java.lang.IllegalArgumentException");
    }

    @Test
    void aGatewayThatHangsIsAbandonedAtTheTimeout() throws Exception {
        openShop(Duration.ofMillis(300), LONG_BREAKER_DELAY, 4);
        gateway.hold();

        Customer.Answer answer = customer.order();

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.reason()).isEqualTo("gateway-timeout");
        assertThat(answer.retryAfter()).isEqualTo("1");
        assertThat(gateway.awaitHeld(3, WAIT_LIMIT))
                .as(
                        "the gateway still holds the three attempts, unanswered, after the checkout answered")
                .isTrue();
        assertThat(gateway.calls()).isEqualTo(3);
    }

    @Test
    void aFullBulkheadRefusesAtOnceWithoutCallingTheGateway() throws Exception {
        openShop(GENEROUS_TIMEOUT, LONG_BREAKER_DELAY, 1);
        gateway.hold();
        ExecutorService firstCustomer = Executors.newSingleThreadExecutor();
        try {
            Future<Customer.Answer> first =
                    firstCustomer.submit(() -> new Customer(shop.checkoutUrl()).order());
            assertThat(gateway.awaitHeld(1, WAIT_LIMIT))
                    .as("the first order holds the bulkhead's place")
                    .isTrue();

            Customer.Answer second = customer.order();

            assertThat(second.status()).isEqualTo(503);
            assertThat(second.reason()).isEqualTo("busy");
            assertThat(second.retryAfter()).isEqualTo("1");
            assertThat(gateway.calls()).isEqualTo(1);
            gateway.release();
            assertThat(first.get(WAIT_LIMIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            firstCustomer.shutdownNow();
        }
    }
}
