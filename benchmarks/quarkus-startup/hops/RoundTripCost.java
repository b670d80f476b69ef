import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The wall time and the CPU time of one round trip to another thread and back, for a caller that waits for each
 * result before its next call and works a given time between calls: the pattern of a request handler that calls a
 * remote service asynchronously and waits. Per kind of executor, so that spinning for the next task can be read
 * against what it costs. Figures for docs/performance.md (issue 18), not a test.
 *
 * <pre>
 * java -cp &lt;classes&gt;:impl/core/target/classes:impl/api/target/classes RoundTripCost &lt;kind&gt; &lt;gap µs&gt; &lt;seconds&gt;
 *   kind: cached (Executors.newCachedThreadPool, the bare hop), borrowing (Breakwater's BorrowingExecutor over
 *   it, never spinning), spinning (the same spinning up to 50 µs while that pays, as ThreadPools.create makes it)
 * </pre>
 *
 * Runs the load twice for the given seconds and prints the second: wall time per round trip, and the CPU time of
 * the process per round trip less the caller's own work between calls.
 */
public final class RoundTripCost {

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        long gapNanos = Long.parseLong(args[1]) * 1_000;
        int seconds = Integer.parseInt(args[2]);
        ExecutorService pool = Executors.newCachedThreadPool();
        Executor executor =
                switch (kind) {
                    case "cached" -> pool;
                    case "borrowing" -> borrowing(pool, 0);
                    case "spinning" -> borrowing(pool, 50_000);
                    default -> throw new IllegalArgumentException("unknown kind " + kind);
                };
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run < 2; run++) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long calls = 0;
            long now = start;
            while (now < end) {
                CompletableFuture.supplyAsync(() -> "x", executor).join();
                calls++;
                long workUntil = System.nanoTime() + gapNanos;
                while ((now = System.nanoTime()) < workUntil) {
                    Thread.onSpinWait();
                }
            }
            if (run == 1) {
                double wallPerCall = (System.nanoTime() - start) / 1000.0 / calls - gapNanos / 1000.0;
                double cpuPerCall = (os.getProcessCpuTime() - cpu) / 1000.0 / calls - gapNanos / 1000.0;
                System.out.printf(
                        "%s, %d µs between calls: %.1f µs wall, %.1f µs CPU per round trip (%d calls)%n",
                        kind, gapNanos / 1000, wallPerCall, cpuPerCall, calls);
            }
        }
        System.exit(0);
    }

    /** Breakwater's own BorrowingExecutor, package-private in dev.breakwater.core. */
    private static Executor borrowing(Executor pool, long spinNanos) throws ReflectiveOperationException {
        Class<?> ticker = Class.forName("dev.breakwater.core.Ticker");
        var constructor =
                Class.forName("dev.breakwater.core.BorrowingExecutor")
                        .getDeclaredConstructor(Executor.class, long.class, ticker);
        constructor.setAccessible(true);
        return (Executor) constructor.newInstance(pool, spinNanos, ticker.getField("SYSTEM").get(null));
    }
}
