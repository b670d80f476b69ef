package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetRules;
import dev.breakwater.core.fleet.FleetUnavailableException;
import dev.breakwater.core.fleet.FleetView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet script on a real redis-server, exchange by exchange, as several instances would call it: the rules of
 * {@code FleetBackend} (quorum, probe leases, holds), the keys and their expiries, and garbage in the keys.
 */
class RedisFleetBackendTest {

    private static RedisServer server;
    private RedisFleetBackend backend;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    private RedisFleetBackend backend() {
        if (backend == null) {
            backend =
                    RedisFleetBackend.builder(server.uri(), "shop")
                            .connectTimeout(Duration.ofSeconds(10))
                            .build();
        }
        return backend;
    }

    @AfterEach
    void flush() throws Exception {
        if (backend != null) {
            backend.close();
        }
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

    @Test
    void everyKeyIsUnderTheApplicationsPrefixWithAnExpiry() throws Exception {
        FleetRules rules = rules(60_000, 1);
        exchange("a", "gateway", rules, 3, 3);
        backend().hold("other", BreakerState.HELD_OPEN, Duration.ofMinutes(1));

        List<String> keys = List.of(server.cli("KEYS", "*").split("\\s+"));
        assertThat(keys)
                .containsExactlyInAnyOrder(
                        "breakwater:shop:breaker:gateway:state",
                        "breakwater:shop:breaker:gateway:window",
                        "breakwater:shop:breaker:other:state",
                        "breakwater:shop:breaker:other:hold");
        for (String key : keys) {
            long ttl = Long.parseLong(server.cli("PTTL", key));
            assertThat(ttl).as(key).isBetween(1L, 2 * 60_000L + 60_000L);
        }
    }

    @Test
    void theScriptIsSentAgainWhenRedisForgotIt() throws Exception {
        FleetRules rules = rules(60_000, 1);
        exchange("a", "gateway", rules, 1, 0);
        server.cli("SCRIPT", "FLUSH");

        assertThat(exchange("a", "gateway", rules, 1, 0).windowCalls()).isEqualTo(2);
    }

    @Test
    void garbageInOurKeysIsRepairedAndNeverFailsAnExchange() throws Exception {
        FleetRules rules = rules(60_000, 1);
        String state = "breakwater:shop:breaker:gateway:state";
        String window = "breakwater:shop:breaker:gateway:window";
        String hold = "breakwater:shop:breaker:gateway:hold";
        List<List<String>> garbage =
                List.of(
                        List.of("SET", state, "not a hash"),
                        List.of(
                                "HSET",
                                state,
                                "s",
                                "O",
                                "e",
                                "12",
                                "u",
                                "99999999999999",
                                "g",
                                "0",
                                "ps",
                                "0",
                                "pf",
                                "0"),
                        List.of("HSET", state, "s", "X", "e", "-4", "u", "abc"),
                        List.of("HSET", state, "s", "H", "e", "1e308", "u", "nan", "g", "-1"),
                        List.of("LPUSH", window, "list"),
                        List.of(
                                "HSET",
                                window,
                                "c99999999999",
                                "5",
                                "fzz",
                                "1",
                                "r:evil",
                                "oops",
                                "x",
                                "1",
                                "c1",
                                "-7"),
                        List.of("SET", hold, "HELD_OPEN"),
                        List.of("SET", hold, "FOREVER", "PX", "100000"),
                        List.of("HSET", hold, "a", "b"));
        for (List<String> write : garbage) {
            server.cli("FLUSHALL");
            server.cli(write.toArray(String[]::new));
            FleetView view = exchange("a", "gateway", rules, 1, 0);

            assertThat(view.state()).as("%s", write).isEqualTo(BreakerState.CLOSED);
            assertThat(view.windowCalls()).as("%s", write).isEqualTo(1);
            assertThat(view.epoch()).as("%s", write).isBetween(0L, 13L);
        }
    }

    @Test
    void applicationsSharingARedisDoNotSeeEachOthersBreakers() {
        FleetRules rules = rules(60_000, 1);
        exchange("a", "gateway", rules, 5, 5);
        try (RedisFleetBackend other =
                RedisFleetBackend.builder(server.uri(), "billing")
                        .connectTimeout(Duration.ofSeconds(10))
                        .build()) {
            FleetView view =
                    other.exchange(
                                    "a",
                                    List.of(new FleetReport("gateway", rules, 0, 0, 0, 0, 0, 0)))
                            .views()
                            .get(0);

            assertThat(view.windowCalls()).isZero();
        }
    }

    @Test
    void theServersClockIsTheFleetsClock() throws Exception {
        long server =
                Long.parseLong(RedisFleetBackendTest.server.cli("TIME").split("\\s+")[0]) * 1000;

        assertThat(backend().serverTimeMillis()).isBetween(server, server + 60_000);
    }

    @Test
    void aServerThatIsNotThereFailsTheExchangeQuickly() {
        try (RedisFleetBackend nowhere =
                RedisFleetBackend.builder(
                                io.lettuce.core.RedisURI.create("redis://127.0.0.1:1"), "shop")
                        .build()) {
            assertThatThrownBy(() -> nowhere.exchange("a", List.of()))
                    .isInstanceOf(FleetUnavailableException.class);
        }
    }

    @Test
    void invalidOptionsAreNamed() {
        assertThatThrownBy(() -> RedisFleetBackend.builder(server.uri(), "shop:*").build())
                .hasMessageContaining("application(shop:*) is invalid; allowed: 1 to 64 letters");
        assertThatThrownBy(
                        () ->
                                RedisFleetBackend.builder(server.uri(), "shop")
                                        .commandTimeout(Duration.ZERO)
                                        .connectTimeout(Duration.ofMinutes(1))
                                        .build())
                .hasMessageContaining("commandTimeout(PT0S) is invalid; allowed: 1 ms to 10 s.")
                .hasMessageContaining("connectTimeout(PT1M) is invalid; allowed: 1 ms to 10 s.");
    }
}
