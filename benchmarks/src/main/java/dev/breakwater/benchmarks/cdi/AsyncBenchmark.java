package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import jakarta.enterprise.context.control.RequestContextController;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * The {@code @Asynchronous} round trip: call, then wait for the {@code CompletionStage}. Next to it, the same hop
 * done by hand on a plain cached thread pool ({@code plainExecutorRoundTrip}): the floor set by waking a worker
 * thread and waking the caller again, which no implementation can go below. Two more floors, for the breakdown
 * in docs/performance.md: what the spec's request context costs on Weld, activated and destroyed on the calling
 * thread ({@code requestContextActivation}), and the bare hop with that activation on the worker
 * ({@code plainExecutorWithRequestContextRoundTrip}): what any implementation on Weld pays at least.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AsyncBenchmark {

    private WeldContainer container;
    private AsyncService service;
    private ExecutorService plainExecutor;
    private ExecutorService queuedPool;

    /** One controller per thread, as Breakwater keeps them: a controller is not meant to be shared by threads. */
    private ThreadLocal<RequestContextController> controllers;

    @Setup(Level.Trial)
    public void boot() {
        container = Cdi.boot();
        service = container.select(AsyncService.class).get();
        plainExecutor =
                Executors.newCachedThreadPool(
                        task -> {
                            Thread thread = new Thread(task, "plain-executor");
                            thread.setDaemon(true);
                            return thread;
                        });
        // SmallRye Fault Tolerance's default pool, as its DefaultAsyncExecutorProvider builds it:
        // 100 threads over an
        // unbounded linked queue, so that its round trip can be read against a floor of its own
        // kind too.
        queuedPool =
                new ThreadPoolExecutor(
                        100,
                        100,
                        1,
                        TimeUnit.MINUTES,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread = new Thread(task, "queued-pool");
                            thread.setDaemon(true);
                            return thread;
                        });
        controllers =
                ThreadLocal.withInitial(
                        () -> container.select(RequestContextController.class).get());
        Checks.hopsThreads(
                "completionStage()", () -> service.completionStage().toCompletableFuture());
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        container.shutdown();
        plainExecutor.shutdownNow();
        queuedPool.shutdownNow();
    }

    @Benchmark
    public void completionStageRoundTrip(Blackhole blackhole) {
        blackhole.consume(service.completionStage().toCompletableFuture().join());
    }

    @Benchmark
    public void plainExecutorRoundTrip(Blackhole blackhole) {
        blackhole.consume(CompletableFuture.supplyAsync(Work::value, plainExecutor).join());
    }

    @Benchmark
    public void queuedPoolRoundTrip(Blackhole blackhole) {
        blackhole.consume(CompletableFuture.supplyAsync(Work::value, queuedPool).join());
    }

    @Benchmark
    public boolean requestContextActivation() {
        RequestContextController controller = controllers.get();
        boolean activated = controller.activate();
        controller.deactivate();
        return activated;
    }

    @Benchmark
    public void plainExecutorWithRequestContextRoundTrip(Blackhole blackhole) {
        blackhole.consume(
                CompletableFuture.supplyAsync(this::valueInRequestContext, plainExecutor).join());
    }

    private String valueInRequestContext() {
        RequestContextController worker = controllers.get();
        worker.activate();
        try {
            return Work.value();
        } finally {
            worker.deactivate();
        }
    }
}
