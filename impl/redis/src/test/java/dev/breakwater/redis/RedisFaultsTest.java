package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real faults of a real redis-server under two instances whose callers keep calling: each fault leaves the callers
 * unblocked (their calls go on completing), makes each instance local at its third failed exchange in a row (the
 * documented bound), and the instances rejoin the fleet afterwards without a change of state of their breakers,
 * where a fleet-wide opening works again.
 */
class RedisFaultsTest {

    private static final int CALLS_WHILE_LOCAL = 50;

    private static RedisServer server;
    private Instances fleet;

    private interface Step {
        void run() throws Exception;
    }

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @AfterEach
    void stopFleetAndHealRedis() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        server.heal();
        server.cli("FLUSHALL");
    }

    private void survives(Step inject, Step heal) throws Exception {
        fleet = new Instances(server.uri(), 2, "gateway", "check");
        fleet.awaitExchanges(2);
        long[] failedBefore = new long[2];
        for (int i = 0; i < 2; i++) {
            fleet.get(i).startCalling();
            failedBefore[i] = fleet.get(i).member.failedExchanges();
        }

        inject.run();
        long[] failedWhenLocal = awaitLocal();
        for (int i = 0; i < 2; i++) {
            Instances.Instance instance = fleet.get(i);
            System.out.printf(
                    "fallback: %s local after %d failed exchanges%n",
                    instance.member.instance(), failedWhenLocal[i] - failedBefore[i]);
            assertThat(failedWhenLocal[i] - failedBefore[i])
                    .as("failed exchanges of %s before it went local", instance.member.instance())
                    .isBetween(
                            (long) Instances.FALLBACK_AFTER - 1, (long) Instances.FALLBACK_AFTER);
            long calls = instance.calls.get();
            Instances.await(
                    instance.member.instance() + "'s calls completing while it is local",
                    () -> instance.calls.get() >= calls + CALLS_WHILE_LOCAL);
        }
        heal.run();

        for (Instances.Instance instance : fleet.all) {
            Instances.await(
                    instance.member.instance() + " back in the fleet",
                    () -> !instance.member.local());
            assertThat(instance.member.fallbacks()).isEqualTo(1);
        }
        fleet.awaitExchanges(3);
        for (Instances.Instance instance : fleet.all) {
            assertThat(instance.changes)
                    .as("%s's breakers changed state", instance.member.instance())
                    .isEmpty();
        }
        opensFleetWide();
    }

    /**
     * Watches every member at once until each is local.
     *
     * @return by member, the failed exchanges counted just before it was first seen local
     */
    private long[] awaitLocal() {
        long[] failed = new long[fleet.all.size()];
        boolean[] seen = new boolean[failed.length];
        Instances.await(
                "every member local",
                () -> {
                    boolean all = true;
                    for (int i = 0; i < failed.length; i++) {
                        if (!seen[i]) {
                            failed[i] = fleet.get(i).member.failedExchanges();
                            seen[i] = fleet.get(i).member.local();
                        }
                        all &= seen[i];
                    }
                    return all;
                });
        return failed;
    }

    /** The second breaker, which no caller uses, opens for both when both report failures. */
    private void opensFleetWide() {
        for (Instances.Instance instance : fleet.all) {
            CircuitBreaker check = instance.breakers.get(1);
            for (int i = 0; i < 10; i++) {
                check.onFailure(check.tryAcquire(), Instances.FAILURE);
            }
        }
        for (Instances.Instance instance : fleet.all) {
            Instances.await(
                    instance.member.instance() + "'s check breaker open for the fleet",
                    () -> instance.breakers.get(1).state() == BreakerState.OPEN);
        }
    }

    @Test
    void redisKilledAndRestarted() throws Exception {
        survives(() -> server.signal("KILL"), server::restart);
    }

    @Test
    void redisStoppedAndContinued() throws Exception {
        survives(() -> server.signal("STOP"), () -> server.signal("CONT"));
    }

    @Test
    void clientsPaused() throws Exception {
        survives(
                () -> assertThat(server.cli("CLIENT", "PAUSE", "3000", "ALL")).isEqualTo("OK"),
                () -> {});
    }

    @Test
    void debugSleep() throws Exception {
        Process[] sleeping = new Process[1];
        survives(
                () -> sleeping[0] = server.cliInBackground("DEBUG", "SLEEP", "3"),
                () -> assertThat(sleeping[0].waitFor(30, TimeUnit.SECONDS)).isTrue());
    }

    @Test
    void killedAnnouncementConnectionsAreReplacedAndTheMembersStayInTheFleet() throws Exception {
        fleet = new Instances(server.uri(), 2, "gateway");
        String channel = "breakwater:shop:transitions";
        Instances.await("both members subscribed", () -> subscribers(channel) == 2);

        assertThat(server.cli("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo("2");
        Instances.await("both members subscribed again", () -> subscribers(channel) == 2);
        fleet.get(0).member.hold("gateway", BreakerState.HELD_OPEN, Duration.ofMinutes(1));
        fleet.awaitState(BreakerState.HELD_OPEN);

        for (Instances.Instance instance : fleet.all) {
            assertThat(instance.member.local()).isFalse();
            assertThat(instance.member.failedExchanges()).isZero();
        }
    }

    @Test
    void flushAllForgetsTheFleetsStateButNotItsMembers() throws Exception {
        fleet = new Instances(server.uri(), 2, "gateway");
        fleet.get(0).member.hold("gateway", BreakerState.HELD_OPEN, Duration.ofMinutes(1));
        fleet.awaitState(BreakerState.HELD_OPEN);
        long epoch = fleet.get(0).member.view("gateway").orElseThrow().epoch();

        assertThat(server.cli("FLUSHALL")).isEqualTo("OK");
        fleet.awaitState(BreakerState.CLOSED);
        fleet.awaitExchanges(2);

        for (Instances.Instance instance : fleet.all) {
            assertThat(instance.member.local()).isFalse();
            assertThat(instance.member.failedExchanges()).isZero();
            assertThat(instance.member.view("gateway").orElseThrow().epoch())
                    .as("epochs never go back")
                    .isGreaterThanOrEqualTo(epoch);
        }
    }

    private static int subscribers(String channel) {
        try {
            String[] reply = server.cli("PUBSUB", "NUMSUB", channel).split("\\s+");
            return Integer.parseInt(reply[reply.length - 1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
