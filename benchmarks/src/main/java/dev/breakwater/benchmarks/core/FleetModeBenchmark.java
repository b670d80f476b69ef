package dev.breakwater.benchmarks.core;

import dev.breakwater.benchmarks.Work;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.FleetMember;
import dev.breakwater.core.Guard;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import dev.breakwater.redis.RedisFleetBackend;
import dev.breakwater.redis.RedisServer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A guarded call's success path with its breaker in fleet mode and without, in the same run: the same typed
 * {@link Guard} over a spec breaker (window of 20, ratio 0.5), one of them a member of a fleet whose member thread
 * exchanges with the store every 200 ms meanwhile. The store ({@code store}) is an {@link InMemoryFleetBackend}
 * ({@code memory}) or a real {@code redis-server} ({@code redis}) that the setup starts on a free 127.0.0.1 port,
 * without persistence, and the teardown stops (impl/redis's test {@link RedisServer}; {@code redis-server} must be
 * on the PATH). At the end it prints the network calls next to the calls the breaker counted: the member's exchanges
 * and, on Redis, every command the server executed by its own count ({@code INFO commandstats}), so a call that
 * touched the store would show as one command per call. Run with {@code -prof gc}, {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FleetModeBenchmark {

    private static final Supplier<String> OPERATION = Work::value;

    /** The commands {@code redis-cli} itself sends: the start's PING and the teardown's INFO. */
    private static final Set<String> ADMIN = Set.of("ping", "info");

    /**
     * The commands a client sends over the network (the backend's exchanges and the announcements' subscription);
     * the others {@code INFO commandstats} counts ran inside the script.
     */
    private static final Set<String> SENT =
            Set.of("evalsha", "eval", "subscribe", "auth", "hello", "client", "select");

    @Param({"memory", "redis"})
    public String store;

    private RedisServer redis;
    private FleetMember member;
    private CircuitBreaker clusteredBreaker;
    private Guard<String> local;
    private Guard<String> clustered;

    @Setup
    public void build() throws Exception {
        FleetBackend backend;
        if (store.equals("redis")) {
            redis = RedisServer.start();
            backend = RedisFleetBackend.builder(redis.uri(), "benchmark").build();
        } else {
            backend = new InMemoryFleetBackend();
        }
        member = FleetMember.builder(backend).flushInterval(Duration.ofMillis(200)).start();
        local =
                Guard.<String>builder("local")
                        .circuitBreaker(
                                CircuitBreaker.builder("local")
                                        .requestVolumeThreshold(20)
                                        .failureRatio(0.5)
                                        .build())
                        .build();
        clusteredBreaker =
                CircuitBreaker.builder("clustered")
                        .requestVolumeThreshold(20)
                        .failureRatio(0.5)
                        .fleet(member)
                        .build();
        clustered = Guard.<String>builder("clustered").circuitBreaker(clusteredBreaker).build();
    }

    @Benchmark
    public String localBreaker() {
        return local.call(OPERATION);
    }

    @Benchmark
    public String fleetBreaker() {
        return clustered.call(OPERATION);
    }

    @TearDown
    public void close() throws Exception {
        long calls = clusteredBreaker.counters().succeeded();
        long exchanges = member.exchanges() + member.failedExchanges();
        System.out.printf(
                "%nfleet member (%s): %d exchanges (%d failed) for %d calls through the fleet breaker: %.2e"
                        + " exchanges per call%n",
                store,
                exchanges,
                member.failedExchanges(),
                calls,
                calls == 0 ? 0.0 : (double) exchanges / calls);
        member.close();
        if (redis != null) {
            try {
                Map<String, Long> sent = new TreeMap<>();
                Map<String, Long> scripted = new TreeMap<>();
                commands(redis.cli("INFO", "commandstats"))
                        .forEach(
                                (command, count) ->
                                        (SENT.contains(command) ? sent : scripted)
                                                .put(command, count));
                long network = sent.values().stream().mapToLong(Long::longValue).sum();
                System.out.printf(
                        "redis-server: %d commands from the member over the network %s for %d calls: %.2e per"
                                + " call; its script ran %d more inside Redis %s%n",
                        network,
                        sent,
                        calls,
                        calls == 0 ? 0.0 : (double) network / calls,
                        scripted.values().stream().mapToLong(Long::longValue).sum(),
                        scripted);
            } finally {
                redis.close();
            }
        }
    }

    /** @return the calls per command of {@code INFO commandstats}, without redis-cli's own */
    private static Map<String, Long> commands(String info) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\\R")) {
            // cmdstat_evalsha:calls=123,usec=...
            if (line.startsWith("cmdstat_")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                int from = line.indexOf("calls=") + "calls=".length();
                long count = Long.parseLong(line.substring(from, line.indexOf(',', from)));
                if (!ADMIN.contains(command)) {
                    calls.put(command, count);
                }
            }
        }
        return calls;
    }
}
