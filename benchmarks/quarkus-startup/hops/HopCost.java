import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.threads.EnhancedQueueExecutor;

/**
 * The CPU time of one hop to another thread and back, per kind of executor, as /load/all makes them: each caller
 * starts 30 trivial tasks with {@code CompletableFuture.supplyAsync} and then joins them, again and again. Figures
 * for docs/performance.md (issue 18), not a test.
 *
 * <pre>
 * java -cp &lt;classes&gt;:&lt;the jars of target/breakwater/quarkus-app/lib/boot and lib/main&gt; HopCost &lt;kind&gt; &lt;callers&gt; &lt;seconds&gt;
 *   kind: eqe (an EnhancedQueueExecutor as Quarkus configures its worker pool), borrowing (the same, its threads
 *   borrowed by Breakwater's BorrowingExecutor), cached (Executors.newCachedThreadPool), forkjoin (a ForkJoinPool of one
 *   thread per core), virtual (a virtual thread per task, JDK 21+)
 * </pre>
 *
 * Runs the load twice for the given seconds and prints the second: CPU time of the process per hop, and wall time
 * per round of 30.
 */
public final class HopCost {

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int callers = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        ExecutorService pool = "virtual".equals(kind) ? virtualThreads() : pool(kind);
        Executor executor = "borrowing".equals(kind) ? borrowing(pool) : pool;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run < 2; run++) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            LongAdder rounds = new LongAdder();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            Thread[] threads = new Thread[callers];
            for (int c = 0; c < callers; c++) {
                threads[c] = new Thread(() -> {
                    @SuppressWarnings("unchecked")
                    CompletableFuture<String>[] started = new CompletableFuture[30];
                    while (System.nanoTime() < end) {
                        for (int i = 0; i < started.length; i++) {
                            started[i] = CompletableFuture.supplyAsync(() -> "x", executor);
                        }
                        for (CompletableFuture<String> future : started) {
                            future.join();
                        }
                        rounds.increment();
                    }
                });
                threads[c].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (run == 1) {
                long hops = rounds.sum() * 30;
                System.out.printf("%s, %d callers: %.2f µs CPU per hop, %.1f µs wall per round of 30 (%d hops)%n",
                        kind, callers, (os.getProcessCpuTime() - cpu) / 1000.0 / hops,
                        (System.nanoTime() - start) / 1000.0 * callers / rounds.sum(), hops);
            }
        }
        System.exit(0);
    }

    private static ExecutorService pool(String kind) {
        return switch (kind) {
            case "eqe", "borrowing" -> new EnhancedQueueExecutor.Builder().setRegisterMBean(false)
                    .setCorePoolSize(1).setMaximumPoolSize(200).setGrowthResistance(0f)
                    .setKeepAliveTime(Duration.ofSeconds(30)).build();
            case "cached" -> Executors.newCachedThreadPool();
            case "forkjoin" -> new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                    ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    /** Breakwater's own BorrowingExecutor, package-private in dev.breakwater.core. */
    private static Executor borrowing(Executor pool) throws ReflectiveOperationException {
        var constructor = Class.forName("dev.breakwater.core.BorrowingExecutor").getDeclaredConstructor(Executor.class);
        constructor.setAccessible(true);
        return (Executor) constructor.newInstance(pool);
    }

    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}
