package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.fleet.FleetView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Breakers of several instances, each with its own member and connections, acting as one fleet on a real
 * redis-server: assertions are about counts and states, the waits bounded.
 */
class RedisFleetTest {

    private static RedisServer server;
    private Instances fleet;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @AfterEach
    void stopFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        server.cli("FLUSHALL");
    }

    @Test
    void twoInstancesFailingTogetherOpenTheBreakerOnEveryInstance() {
        fleet = new Instances(server.uri(), 3, "gateway");
        fleet.get(0).fail(10);
        long[] exchangesBefore = new long[3];
        for (int i = 0; i < 3; i++) {
            exchangesBefore[i] = fleet.get(i).member.exchanges();
        }
        fleet.get(1).fail(10);
        long[] exchangesWhenOpen =
                fleet.exchangesWhen(
                        "every instance open",
                        instance -> instance.breaker().state() == BreakerState.OPEN);

        for (int i = 0; i < 3; i++) {
            System.out.printf(
                    "convergence: %s open after %d of its exchanges from b's failures%n",
                    fleet.get(i).member.instance(), exchangesWhenOpen[i] - exchangesBefore[i]);
            assertThat(exchangesWhenOpen[i] - exchangesBefore[i])
                    .as("exchanges of %s from b's failures to open", fleet.get(i).member.instance())
                    .isBetween(1L, 3L);
        }
        assertThat(fleet.get(2).breaker().tryAcquire())
                .as("the instance that saw no failure refuses")
                .isNull();
        assertThat(fleet.get(2).breaker().counters().failed()).isZero();
    }

    @Test
    void oneInstanceFailingAloneDoesNotOpenTheFleetsBreaker() {
        fleet = new Instances(server.uri(), 2, "gateway");
        fleet.get(0).fail(10);
        fleet.get(1).succeed(fleet.get(1).breaker(), 10);
        Instances.await(
                "both reports in the fleet's window",
                () ->
                        fleet.get(0)
                                .member
                                .view("gateway")
                                .map(view -> view.windowCalls() == 20)
                                .orElse(false));
        fleet.awaitExchanges(5);

        FleetView view = fleet.get(0).member.view("gateway").orElseThrow();
        assertThat(view.windowFailures()).isEqualTo(10);
        assertThat(view.failingReporters()).isEqualTo(1);
        assertThat(List.of(fleet.get(0).breaker().state(), fleet.get(1).breaker().state()))
                .containsOnly(BreakerState.CLOSED);
    }

    @Test
    void aHalfOpenFleetLetsAtMostSuccessThresholdProbesThroughAndTheirSuccessClosesIt() {
        fleet = new Instances(server.uri(), 3, 2, Duration.ofMillis(300), "gateway");
        fleet.get(0).fail(10);
        fleet.get(1).fail(10);
        fleet.awaitState(BreakerState.OPEN);
        fleet.awaitState(BreakerState.HALF_OPEN);

        List<CircuitBreaker.Permit> probes = new ArrayList<>();
        List<CircuitBreaker> probers = new ArrayList<>();
        long enough = Long.MAX_VALUE;
        long deadline = System.nanoTime() + Instances.DEADLINE.toNanos();
        while (fleet.get(2).member.exchanges() < enough && System.nanoTime() - deadline < 0) {
            for (Instances.Instance instance : fleet.all) {
                CircuitBreaker.Permit permit = instance.breaker().tryAcquire();
                if (permit != null) {
                    probes.add(permit);
                    probers.add(instance.breaker());
                }
            }
            if (probes.size() >= 2 && enough == Long.MAX_VALUE) {
                enough = fleet.get(2).member.exchanges() + 10;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }

        assertThat(probes)
                .as("probes let through by the three instances, ten exchanges after the second")
                .hasSize(2);
        for (int i = 0; i < probes.size(); i++) {
            probers.get(i).onSuccess(probes.get(i));
        }
        fleet.awaitState(BreakerState.CLOSED);
    }

    @Test
    void anAnnouncementWakesTheOtherMembersBetweenTheirFlushes() {
        fleet =
                new Instances(
                        server.uri(),
                        2,
                        1,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1),
                        "gateway");
        Instances.await(
                "both members subscribed",
                () -> {
                    try {
                        return server.cli("PUBSUB", "NUMSUB", "breakwater:shop:transitions")
                                .endsWith("2");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        long exchanges = fleet.get(1).member.exchanges();
        fleet.get(0).member.hold("gateway", BreakerState.HELD_OPEN, Duration.ofMinutes(1));

        Instances.await(
                "b held open long before its next flush, a minute away",
                () -> fleet.get(1).breaker().state() == BreakerState.HELD_OPEN);
        assertThat(fleet.get(1).member.exchanges() - exchanges).isBetween(1L, 2L);
    }

    @Test
    void aHoldReachesEveryInstanceAndExpires() {
        fleet = new Instances(server.uri(), 3, "gateway");
        fleet.get(1).member.hold("gateway", BreakerState.HELD_OPEN, Duration.ofSeconds(1));

        fleet.awaitState(BreakerState.HELD_OPEN);
        assertThat(fleet.get(2).breaker().tryAcquire()).isNull();
        fleet.awaitState(BreakerState.CLOSED);
        assertThat(fleet.get(2).breaker().tryAcquire()).isNotNull();
    }

    @Test
    void garbageWrittenIntoOurKeysLeavesCallersUnaffected() throws Exception {
        fleet = new Instances(server.uri(), 2, "gateway");
        fleet.awaitExchanges(1);
        fleet.all.forEach(Instances.Instance::startCalling);
        String state = "breakwater:shop:breaker:gateway:state";
        String window = "breakwater:shop:breaker:gateway:window";
        String hold = "breakwater:shop:breaker:gateway:hold";
        List<List<String>> garbage =
                List.of(
                        List.of("SET", state, "not a hash"),
                        List.of("HSET", state, "s", "O", "e", "12", "u", "99999999999999"),
                        List.of("HSET", state, "s", "H", "e", "1e308", "g", "-1"),
                        List.of(
                                "HSET",
                                window,
                                "c99999999999",
                                "5",
                                "fzz",
                                "1",
                                "r:evil",
                                "oops",
                                "c1",
                                "-7"),
                        List.of("SET", hold, "HELD_OPEN"),
                        List.of("SET", hold, "FOREVER", "PX", "100000"),
                        List.of("SET", hold, "HELD_OPEN", "PX", "999999999999"),
                        List.of("PUBLISH", "breakwater:shop:transitions", "junk"));
        for (List<String> write : garbage) {
            long[] calls = {fleet.get(0).calls.get(), fleet.get(1).calls.get()};
            server.cli(write.toArray(String[]::new));
            fleet.awaitExchanges(2);
            for (int i = 0; i < 2; i++) {
                Instances.Instance instance = fleet.get(i);
                long before = calls[i];
                Instances.await(
                        instance.member.instance() + "'s calls completing after " + write,
                        () -> instance.calls.get() >= before + 20);
                assertThat(instance.breaker().state())
                        .as("%s", write)
                        .isEqualTo(BreakerState.CLOSED);
            }
        }
        assertThat(fleet.get(0).member.refusedViews()).as("the hold of 31 years").isPositive();
        for (Instances.Instance instance : fleet.all) {
            assertThat(instance.member.failedExchanges()).isZero();
            assertThat(instance.changes).isEmpty();
        }
    }

    @Test
    void everyThreadTheFleetStartsIsNamedBreakwater() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        fleet = new Instances(server.uri(), 2, "gateway");
        fleet.awaitExchanges(2);

        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> !before.contains(thread))
                .extracting(Thread::getName)
                .isNotEmpty()
                .allMatch(name -> name.startsWith("breakwater-"));
    }
}
