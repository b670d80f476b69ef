package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.fleet.FleetView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        fleet.get(1).fail(10);

        fleet.awaitState(BreakerState.OPEN);
        assertThat(fleet.get(2).breaker().tryAcquire()).as("the instance that saw no failure refuses").isNull();
        assertThat(fleet.get(2).breaker().counters().failed()).isZero();
    }

    @Test
    void oneInstanceFailingAloneDoesNotOpenTheFleetsBreaker() {
        fleet = new Instances(server.uri(), 2, "gateway");
        fleet.get(0).fail(10);
        fleet.get(1).succeed(fleet.get(1).breaker(), 10);
        Instances.await("both reports in the fleet's window", () -> fleet.get(0).member.view("gateway")
                .map(view -> view.windowCalls() == 20).orElse(false));
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

        assertThat(probes).as("probes let through by the three instances, ten exchanges after the second").hasSize(2);
        for (int i = 0; i < probes.size(); i++) {
            probers.get(i).onSuccess(probes.get(i));
        }
        fleet.awaitState(BreakerState.CLOSED);
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
}
