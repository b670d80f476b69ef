package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A synchronous guarded call on its success path, through Weld's client proxy and interceptor chain, next to the
 * same method without any annotation on the same bean ({@code baseline}), on a bean without any interceptor
 * ({@code plainBean}), and with an interceptor that only proceeds ({@code noopInterceptor}: the floor any
 * interceptor-based implementation stands on, which the overheads in docs/performance.md are measured from). Run with {@code -t 1} and
 * {@code -t 2}; the bean, and so its breaker and bulkhead, is shared by all threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SyncBenchmark {

    private WeldContainer container;
    private GuardedService service;
    private PlainService plain;

    @Setup(Level.Trial)
    public void boot() throws InterruptedException {
        container = Cdi.boot();
        service = container.select(GuardedService.class).get();
        plain = container.select(PlainService.class).get();

        Checks.interceptors("plainBean()", plain::baseline, false, false);
        Checks.interceptors("baseline()", service::baseline, false, false);
        Checks.interceptors("noopInterceptor()", service::noopInterceptor, false, true);
        Checks.interceptors("retry()", service::retry, true, false);
        Checks.interceptors("circuitBreaker()", service::circuitBreaker, true, false);
        Checks.interceptors("bulkhead()", service::bulkhead, true, false);
        Checks.interceptors("fallback()", service::fallback, true, false);
        Checks.interceptors("timeout()", service::timeout, true, false);
        Checks.interceptors("allFive()", service::allFive, true, false);
        Checks.interceptors("rateLimit()", service::rateLimit, true, false);
        Checks.interceptors("retryWithBackoff()", service::retryWithBackoff, true, false);

        Checks.recovers("retry()", service::retry, 1, Work.VALUE, 2);
        Checks.recovers("fallback()", service::fallback, 1, Work.FALLBACK, 1);
        Checks.recovers("allFive()", service::allFive, 1, Work.VALUE, 2);
        Checks.recovers("allFive()", service::allFive, 10, Work.FALLBACK, 4);
        Checks.recovers("retryWithBackoff()", service::retryWithBackoff, 1, Work.VALUE, 2);
        Checks.policiesAct(container.select(Probes.class).get());
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        container.shutdown();
    }

    @Benchmark
    public void plainBean(Blackhole blackhole) {
        blackhole.consume(plain.baseline());
    }

    @Benchmark
    public void baseline(Blackhole blackhole) {
        blackhole.consume(service.baseline());
    }

    @Benchmark
    public void noopInterceptor(Blackhole blackhole) {
        blackhole.consume(service.noopInterceptor());
    }

    @Benchmark
    public void retry(Blackhole blackhole) {
        blackhole.consume(service.retry());
    }

    @Benchmark
    public void circuitBreaker(Blackhole blackhole) {
        blackhole.consume(service.circuitBreaker());
    }

    @Benchmark
    public void bulkhead(Blackhole blackhole) {
        blackhole.consume(service.bulkhead());
    }

    @Benchmark
    public void fallback(Blackhole blackhole) {
        blackhole.consume(service.fallback());
    }

    @Benchmark
    public void timeout(Blackhole blackhole) {
        blackhole.consume(service.timeout());
    }

    @Benchmark
    public void rateLimit(Blackhole blackhole) {
        blackhole.consume(service.rateLimit());
    }

    @Benchmark
    public void retryWithBackoff(Blackhole blackhole) {
        blackhole.consume(service.retryWithBackoff());
    }

    @Benchmark
    public void allFive(Blackhole blackhole) {
        blackhole.consume(service.allFive());
    }
}
