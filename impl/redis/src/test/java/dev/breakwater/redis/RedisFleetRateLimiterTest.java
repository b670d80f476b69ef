package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.core.FleetMember;
import dev.breakwater.core.RateLimiter;
import dev.breakwater.core.fleet.FleetLease;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fleet-wide rate limiter on a real redis-server: three instances, each with its member (exchanging every 50 ms)
 * and its limiter "api" of 60 calls per second fleet-wide, one caller thread each: the hot one attempts a call every 50 us, the cold ones
 * every 100 ms (10 a second each, under their share). Admitted calls are counted between two readings of Redis's clock, and
 * compared with the limit times the fleet windows those readings span; the script's handling of garbage in the
 * limiter's key is checked on the backend directly.
 */
class RedisFleetRateLimiterTest {

    private static final int LIMIT = 60;
    private static final long WINDOW_MILLIS = 1_000;

    private static RedisServer server;
    private final List<Instance> fleet = new ArrayList<>();

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
        for (Instance instance : fleet) {
            instance.close();
        }
        server.heal();
        server.cli("FLUSHALL");
    }

    /** One application instance: its member, its limiter and a caller thread. */
    private static final class Instance {
        final FleetMember member;
        final RateLimiter limiter;
        final AtomicLong admitted = new AtomicLong();
        private final Thread caller;
        private volatile boolean calling = true;

        Instance(String name, long pauseNanos) {
            member =
                    FleetMember.builder(
                                    RedisFleetBackend.builder(server.uri(), "shop")
                                            .connectTimeout(Duration.ofSeconds(10))
                                            .build())
                            .instance(name)
                            .flushInterval(Duration.ofMillis(50))
                            .fallbackAfterFailures(Instances.FALLBACK_AFTER)
                            .start();
            limiter =
                    RateLimiter.builder()
                            .limit(LIMIT)
                            .window(Duration.ofMillis(WINDOW_MILLIS))
                            .fleet("api", member)
                            .build();
            caller =
                    new Thread(
                            () -> {
                                while (calling) {
                                    if (limiter.tryAcquire() == 0) {
                                        admitted.incrementAndGet();
                                    }
                                    LockSupport.parkNanos(pauseNanos);
                                }
                            },
                            "breakwater-test-caller-" + name);
            caller.start();
        }

        void close() throws InterruptedException {
            calling = false;
            caller.join(TimeUnit.SECONDS.toMillis(10));
            member.close();
        }
    }

    private void startFleet() {
        fleet.add(new Instance("hot", TimeUnit.MICROSECONDS.toNanos(50)));
        fleet.add(new Instance("cold-1", TimeUnit.MILLISECONDS.toNanos(100)));
        fleet.add(new Instance("cold-2", TimeUnit.MILLISECONDS.toNanos(100)));
        for (Instance instance : fleet) {
            long target = instance.member.exchanges() + 3;
            Instances.await(
                    instance.member.instance() + " exchanged 3 times",
                    () -> instance.member.exchanges() >= target);
        }
    }

    private long admitted() {
        return fleet.stream().mapToLong(instance -> instance.admitted.get()).sum();
    }

    private static long serverMillis() throws Exception {
        String[] time = server.cli("TIME").split("\\s+");
        return Long.parseLong(time[0]) * 1000 + Long.parseLong(time[1]) / 1000;
    }

    /** Counts the calls admitted fleet-wide while it runs; returns {admitted, fleet windows spanned, hot's}. */
    private long[] measure(Duration span) throws Exception {
        // The server's clock is read before the first count and after the last, so every call
        // counted was
        // admitted inside the windows spanned: read the other way round, the calls of a window that
        // ends while
        // redis-cli starts would be counted without their window.
        long from = serverMillis();
        long hotBefore = fleet.get(0).admitted.get();
        long before = admitted();
        LockSupport.parkNanos(span.toNanos());
        long admitted = admitted() - before;
        long hot = fleet.get(0).admitted.get() - hotBefore;
        long to = serverMillis();
        return new long[] {admitted, to / WINDOW_MILLIS - from / WINDOW_MILLIS + 1, hot};
    }

    @Test
    void threeInstancesUnderSkewedLoadAdmitNoMoreThanTheLimitPerFleetWindow() throws Exception {
        startFleet();
        long[] run = measure(Duration.ofMillis(3_500));
        System.out.printf(
                "fleet rate limiter on Redis, limit %d per second: %d admitted over %d windows, hot %d%n",
                LIMIT, run[0], run[1], run[2]);

        assertThat(run[0])
                .as("admitted fleet-wide over %d windows", run[1])
                .isLessThanOrEqualTo(LIMIT * run[1]);
        assertThat(run[0])
                .as("admitted fleet-wide, not starved")
                .isGreaterThanOrEqualTo(LIMIT * (run[1] - 2) / 2);
        assertThat(run[2]).as("the hot instance's share").isGreaterThan(run[0] / 3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kill -STOP", "CLIENT PAUSE"})
    void withRedisUnresponsiveEachInstanceGoesOnAloneWithItsShareAndRejoinsWhenItReturns(
            String fault) throws Exception {
        startFleet();
        if (fault.equals("kill -STOP")) {
            server.signal("STOP");
        } else {
            assertThat(server.cli("CLIENT", "PAUSE", "4500", "ALL")).isEqualTo("OK");
        }
        for (Instance instance : fleet) {
            Instances.await(instance.member.instance() + " local", instance.member::local);
        }
        long hotBefore = fleet.get(0).admitted.get();
        long started = System.nanoTime();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2_500));
        long hotAlone = fleet.get(0).admitted.get() - hotBefore;
        long windows = (System.nanoTime() - started) / TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
        long share = LIMIT / fleet.size();
        System.out.printf(
                "fleet rate limiter, %s: the hot instance alone admitted %d over %d+ windows%n",
                fault, hotAlone, windows);
        assertThat(hotAlone)
                .as("the hot instance alone, %d a window", share)
                .isBetween(share * Math.max(0, windows - 1), share * (windows + 2));

        if (fault.equals("kill -STOP")) {
            server.signal("CONT");
        }
        for (Instance instance : fleet) {
            Instances.await(
                    instance.member.instance() + " back in the fleet",
                    () -> !instance.member.local());
        }
        long[] run = measure(Duration.ofMillis(2_500));
        assertThat(run[0])
                .as(
                        "admitted fleet-wide after rejoining, over %d windows (the first may still hold up to"
                                + " a share per instance admitted alone)",
                        run[1])
                .isLessThanOrEqualTo(LIMIT * run[1] + LIMIT);
    }

    @Test
    void garbageInTheLimitersKeyCostsAtMostTheWindowNeverMoreCalls() throws Exception {
        String key = "breakwater:shop:limiter:api";
        try (RedisFleetBackend backend =
                RedisFleetBackend.builder(server.uri(), "shop")
                        .connectTimeout(Duration.ofSeconds(10))
                        .build()) {
            long hour = TimeUnit.HOURS.toMillis(1);
            FleetLeaseRequest request = new FleetLeaseRequest("api", 10, hour, 4, 0, 0, 60_000);
            server.cli("SET", key, "not a hash");
            FleetLease typed = backend.exchange("a", List.of(), List.of(request)).leases().get(0);
            assertThat(typed.granted()).as("a wrongly typed key is replaced").isEqualTo(4);

            server.cli(
                    "HSET",
                    key,
                    "g" + typed.window(),
                    "banana",
                    "stray",
                    "1",
                    "i-ghost",
                    "-5",
                    "i-future",
                    Long.toString(Long.MAX_VALUE),
                    "g" + (typed.window() + 99),
                    "3");
            FleetLease garbled = backend.exchange("a", List.of(), List.of(request)).leases().get(0);
            assertThat(garbled.granted()).as("an unreadable count spends the window").isZero();
            assertThat(garbled.instances()).as("invalid instances are not counted").isEqualTo(1);
            assertThat(server.cli("HGET", key, "g" + typed.window())).isEqualTo("10");
            assertThat(server.cli("HEXISTS", key, "stray")).isEqualTo("0");
            assertThat(server.cli("HEXISTS", key, "i-ghost")).isEqualTo("0");
            assertThat(server.cli("HEXISTS", key, "g" + (typed.window() + 99))).isEqualTo("0");

            server.cli("HSET", key, "g" + typed.window(), "99999999999");
            assertThat(backend.exchange("a", List.of(), List.of(request)).leases().get(0).granted())
                    .as("a count beyond the limit grants nothing")
                    .isZero();
            assertThat(Long.parseLong(server.cli("PTTL", key)))
                    .as("the key's expiry")
                    .isBetween(1L, 2 * hour + 60_000);
        }
    }
}
