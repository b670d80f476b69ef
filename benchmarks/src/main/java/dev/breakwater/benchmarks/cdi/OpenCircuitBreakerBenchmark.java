package dev.breakwater.benchmarks.cdi;

import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
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
 * A call refused by an open circuit breaker: what a caller pays while the protected service is down. The setup
 * opens the breaker (two failures, {@code requestVolumeThreshold = 2}, {@code delay} one hour); each call then
 * ends in a {@link CircuitBreakerOpenException}, caught here. The two floors: the same bean's methods refused by an
 * interceptor that only throws a preallocated exception without stack trace, a class-based interceptor
 * ({@code interceptorThrows}, what any interceptor-based implementation pays on Weld) and an interceptor bean that
 * Weld calls without reflection ({@code interceptorBeanThrows}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpenCircuitBreakerBenchmark {

    private WeldContainer container;
    private OpenBreakerService service;

    @Setup(Level.Trial)
    public void boot() {
        container = Cdi.boot();
        service = container.select(OpenBreakerService.class).get();
        Checks.interceptors("call()", service::call, true, false);
        Checks.opens("call()", service::call, 2);
        Checks.refusedByFloor("refusedByInterceptor()", service::refusedByInterceptor);
        Checks.refusedByFloor("refusedByInterceptorBean()", service::refusedByInterceptorBean);
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        container.shutdown();
    }

    @Benchmark
    public void rejected(Blackhole blackhole) {
        try {
            blackhole.consume(service.call());
        } catch (CircuitBreakerOpenException e) {
            blackhole.consume(e);
            return;
        }
        throw new IllegalStateException("the breaker closed during the measurement");
    }

    @Benchmark
    public void interceptorThrows(Blackhole blackhole) {
        try {
            blackhole.consume(service.refusedByInterceptor());
        } catch (Refusal e) {
            blackhole.consume(e);
            return;
        }
        throw new IllegalStateException("the throwing interceptor let the call pass");
    }

    @Benchmark
    public void interceptorBeanThrows(Blackhole blackhole) {
        try {
            blackhole.consume(service.refusedByInterceptorBean());
        } catch (Refusal e) {
            blackhole.consume(e);
            return;
        }
        throw new IllegalStateException("the throwing interceptor bean let the call pass");
    }
}
