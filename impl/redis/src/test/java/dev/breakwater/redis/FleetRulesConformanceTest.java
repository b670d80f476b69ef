package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetLease;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetRules;
import dev.breakwater.core.fleet.FleetView;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@code FleetBackend}, written once in its contract and implemented twice, put through the same cases
 * on both: the Lua script on a real redis-server and the core's {@link InMemoryFleetBackend} (on the system clock
 * here), exchange by exchange, as several instances would call them: breakers, and rate limiters' leases.
 */
class FleetRulesConformanceTest {

    private static RedisServer server;
    private FleetBackend backend;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    private void open(String store) {
        backend =
                store.equals("redis")
                        ? RedisFleetBackend.builder(server.uri(), "shop")
                                .connectTimeout(Duration.ofSeconds(10))
                                .build()
                        : new InMemoryFleetBackend();
    }

    private FleetBackend backend() {
        return backend;
    }

    @AfterEach
    void flush() throws Exception {
        backend.close();
        server.cli("FLUSHALL");
    }

    private static FleetRules rules(long delayMillis, int successThreshold) {
        return new FleetRules(20, 0.5, 2, 10_000, delayMillis, successThreshold, 60_000);
    }

    private FleetView exchange(
            String instance, String breaker, FleetRules rules, long calls, long failures) {
        return exchange(instance, new FleetReport(breaker, rules, calls, failures, 0, 0, 0, 0));
    }

    private FleetView exchange(String instance, FleetReport report) {
        return backend().exchange(instance, List.of(report)).views().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void twoFailingInstancesWhoseSumCrossesTheRatioOpenTheBreakerAndOneDoesNot(String store) {
        open(store);
        FleetRules rules = rules(60_000, 1);

        FleetView first = exchange("a", "gateway", rules, 10, 10);
        FleetView healthy = exchange("b", "gateway", rules, 10, 0);
        FleetView second = exchange("c", "gateway", rules, 1, 1);

        assertThat(first.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(healthy.state())
                .as("20 calls, 10 failed, but only a reported failures")
                .isEqualTo(BreakerState.CLOSED);
        assertThat(healthy.windowCalls()).isEqualTo(20);
        assertThat(healthy.windowFailures()).isEqualTo(10);
        assertThat(healthy.failingReporters()).isEqualTo(1);
        assertThat(second.state()).isEqualTo(BreakerState.OPEN);
        assertThat(second.epoch()).isEqualTo(1);
        assertThat(second.remainingMillis()).isBetween(59_000L, 60_000L);
        assertThat(exchange("a", "gateway", rules, 0, 0).state()).isEqualTo(BreakerState.OPEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void oneExchangeCarriesEveryBreakerOfAnInstance(String store) {
        open(store);
        FleetRules rules = rules(60_000, 1);
        List<FleetView> views =
                backend()
                        .exchange(
                                "a",
                                List.of(
                                        new FleetReport("one", rules, 5, 0, 0, 0, 0, 0),
                                        new FleetReport("two", rules, 7, 7, 0, 0, 0, 0)))
                        .views();

        assertThat(views).extracting(FleetView::windowCalls).containsExactly(5L, 7L);
        assertThat(views).extracting(FleetView::windowFailures).containsExactly(0L, 7L);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void aHalfOpenPeriodGrantsAtMostSuccessThresholdLeasesAcrossTheFleet(String store) {
        open(store);
        FleetRules rules = rules(0, 2);
        exchange("a", "gateway", rules, 10, 10);
        assertThat(exchange("b", "gateway", rules, 10, 10).state()).isEqualTo(BreakerState.OPEN);

        int granted = 0;
        long epoch = -1;
        for (String instance : List.of("a", "b", "c", "a", "b", "c")) {
            FleetView view =
                    exchange(instance, new FleetReport("gateway", rules, 0, 0, 0, 0, 0, 2));
            assertThat(view.state()).isEqualTo(BreakerState.HALF_OPEN);
            granted += view.probesGranted();
            epoch = view.epoch();
        }

        assertThat(granted).isEqualTo(2);
        FleetView closed = exchange("a", new FleetReport("gateway", rules, 2, 0, epoch, 2, 0, 0));
        assertThat(closed.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(closed.windowCalls()).as("closing empties the window").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void aFailedProbeReopensAndAProbeOfAnOlderPeriodCountsForNothing(String store) {
        open(store);
        FleetRules rules = rules(60_000, 1);
        FleetRules quick = rules(0, 1);
        exchange("a", "gateway", quick, 10, 10);
        exchange("b", "gateway", quick, 10, 10);
        FleetView halfOpen = exchange("a", new FleetReport("gateway", quick, 0, 0, 0, 0, 0, 1));
        FleetView stale =
                exchange(
                        "a",
                        new FleetReport("gateway", rules, 1, 0, halfOpen.epoch() - 1, 1, 0, 0));
        FleetView reopened =
                exchange("a", new FleetReport("gateway", rules, 1, 1, halfOpen.epoch(), 0, 1, 0));

        assertThat(halfOpen.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(halfOpen.probesGranted()).isEqualTo(1);
        assertThat(stale.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(reopened.state()).isEqualTo(BreakerState.OPEN);
        assertThat(reopened.epoch()).isEqualTo(halfOpen.epoch() + 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void aHoldReachesEveryInstanceAndExpiresOnTheServersClock(String store) throws Exception {
        open(store);
        FleetRules rules = rules(60_000, 1);
        backend().hold("gateway", BreakerState.HELD_OPEN, Duration.ofMillis(300));
        FleetView a = exchange("a", "gateway", rules, 0, 0);
        FleetView b = exchange("b", "gateway", rules, 0, 0);

        assertThat(List.of(a.state(), b.state())).containsOnly(BreakerState.HELD_OPEN);
        assertThat(a.remainingMillis()).isBetween(1L, 300L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        FleetView later = a;
        int exchanges = 0;
        while (later.state() == BreakerState.HELD_OPEN && System.nanoTime() - deadline < 0) {
            Thread.sleep(20); // waiting for Redis's clock to pass the hold's expiry
            later = exchange("a", "gateway", rules, 0, 0);
            exchanges++;
        }
        assertThat(later.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(exchanges).isLessThan(500);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void aReleasedHoldLeavesTheBreakerClosed(String store) {
        open(store);
        FleetRules rules = rules(60_000, 1);
        backend().hold("gateway", BreakerState.HELD_CLOSED, Duration.ofMinutes(5));
        assertThat(exchange("a", "gateway", rules, 0, 0).state())
                .isEqualTo(BreakerState.HELD_CLOSED);
        backend().release("gateway");

        assertThat(exchange("a", "gateway", rules, 0, 0).state()).isEqualTo(BreakerState.CLOSED);
    }

    private FleetLease lease(
            String instance, int limit, int wantedNow, int wantedNext, long aheadMillis) {
        return backend()
                .exchange(
                        instance,
                        List.of(),
                        List.of(
                                new FleetLeaseRequest(
                                        "api",
                                        limit,
                                        TimeUnit.HOURS.toMillis(1),
                                        wantedNow,
                                        wantedNext,
                                        aheadMillis,
                                        60_000)))
                .leases()
                .get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void leasesAcrossInstancesNeverGrantMoreThanTheWindowsLimit(String store) {
        open(store);
        FleetLease a = lease("a", 10, 4, 0, 0);
        FleetLease b = lease("b", 10, 4, 0, 0);
        FleetLease c = lease("c", 10, 4, 0, 0);
        FleetLease again = lease("a", 10, 4, 0, 0);

        assertThat(List.of(a.granted(), b.granted(), c.granted(), again.granted()))
                .containsExactly(4, 4, 2, 0);
        assertThat(List.of(a.instances(), b.instances(), c.instances(), again.instances()))
                .containsExactly(1, 2, 3, 3);
        assertThat(
                        List.of(
                                a.windowGranted(),
                                b.windowGranted(),
                                c.windowGranted(),
                                again.windowGranted()))
                .as("the window's tokens granted to every instance")
                .containsExactly(4, 8, 10, 10);
        assertThat(again.window()).isEqualTo(a.window());
        assertThat(again.remainingMillis()).isBetween(1L, TimeUnit.HOURS.toMillis(1));
        assertThat(again.grantedNext()).as("the next window, an hour away").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void theNextWindowsTokensComeFromItsOwnBudgetWhenTheWindowInForceIsWithinReachOfItsEnd(
            String store) {
        open(store);
        long always = TimeUnit.HOURS.toMillis(1);
        FleetLease a = lease("a", 10, 6, 6, always);
        FleetLease b = lease("b", 10, 6, 6, always);

        assertThat(List.of(a.granted(), a.grantedNext(), b.granted(), b.grantedNext()))
                .containsExactly(6, 6, 4, 4);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "in-memory"})
    void oneExchangeCarriesTheBreakersAndTheRateLimiters(String store) {
        open(store);
        FleetReply reply =
                backend()
                        .exchange(
                                "a",
                                List.of(
                                        new FleetReport(
                                                "gateway", rules(5_000, 1), 3, 1, 0, 0, 0, 0)),
                                List.of(
                                        new FleetLeaseRequest("api", 5, 1_000, 2, 0, 0, 60_000),
                                        new FleetLeaseRequest(
                                                "search", 5, 1_000, 5, 0, 0, 60_000)));

        assertThat(reply.views()).singleElement().extracting(FleetView::windowCalls).isEqualTo(3L);
        assertThat(reply.leases()).extracting(FleetLease::granted).containsExactly(2, 5);
    }
}
