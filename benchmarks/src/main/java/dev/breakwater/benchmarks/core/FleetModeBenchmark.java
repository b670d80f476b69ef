package dev.breakwater.benchmarks.core;

import dev.breakwater.benchmarks.Work;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.FleetMember;
import dev.breakwater.core.Guard;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import dev.breakwater.redis.RedisFleetBackend;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A guarded call's success path with its breaker in fleet mode and without, in the same run: the same typed
 * {@link Guard} over a spec breaker (window of 20, ratio 0.5), one of them a member of a fleet whose member thread
 * exchanges with the store every 200 ms meanwhile. The store is an {@link InMemoryFleetBackend}, or Redis when
 * {@code -jvmArgsAppend -Dbreakwater.bench.redis=redis://127.0.0.1:6379} is given (the benchmark starts no server). At the end it
 * prints the exchanges the member made and the calls the breaker counted: the calls touch no store, so the
 * exchanges follow the clock, not the calls. Run with {@code -prof gc}, {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FleetModeBenchmark {

    private static final Supplier<String> OPERATION = Work::value;

    private FleetMember member;
    private CircuitBreaker clusteredBreaker;
    private Guard<String> local;
    private Guard<String> clustered;

    @Setup
    public void build() {
        String redis = System.getProperty("breakwater.bench.redis");
        FleetBackend store =
                redis == null
                        ? new InMemoryFleetBackend()
                        : RedisFleetBackend.builder(RedisURI.create(redis), "benchmark").build();
        member = FleetMember.builder(store).flushInterval(Duration.ofMillis(200)).start();
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
    public void close() {
        long calls = clusteredBreaker.counters().succeeded();
        System.out.printf(
                "%nfleet member: %d exchanges (%d failed) for %d calls through the fleet breaker%n",
                member.exchanges(), member.failedExchanges(), calls);
        member.close();
    }
}
