import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of benchmarks/quarkus-startup/measure.sh: a fixed number of callers, each sending its next request when
 * the previous one is answered, every answer checked against the text it must be. Bounded: each request has a
 * deadline, and the whole run one too.
 *
 * <pre>
 * steady &lt;server pid&gt; &lt;clock ticks per second&gt; &lt;callers&gt; &lt;warm-up s&gt; &lt;requests&gt; &lt;url&gt; &lt;answer&gt;
 *     warms up for the given seconds, then sends the requests; prints requests, seconds, requests/s, mean µs per
 *     request (as each caller waits for it) and the server's CPU time (user + system, all its threads but the JIT
 *     compilers') per request in µs, taken from /proc/&lt;pid&gt;/task/*&#47;stat around the measured requests
 * answered &lt;callers&gt; &lt;requests&gt; &lt;deadline ms&gt; &lt;url&gt; &lt;answer&gt; [&lt;url&gt; &lt;answer&gt; ...]
 *     sends the requests to the urls in turn; prints how many were answered right within the deadline, how many
 *     wrongly, how many not in time; exits 1 unless every one was answered right
 * </pre>
 */
public final class LoadDriver {

    private static final Duration WHOLE_RUN = Duration.ofMinutes(10);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        LoadDriver driver = new LoadDriver();
        switch (args[0]) {
            case "steady" -> driver.steady(Long.parseLong(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    new Target(args[6], args[7]));
            case "answered" -> {
                List<Target> targets = new ArrayList<>();
                for (int i = 4; i + 1 < args.length; i += 2) {
                    targets.add(new Target(args[i], args[i + 1]));
                }
                System.exit(driver.answered(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                        Duration.ofMillis(Long.parseLong(args[3])), targets) ? 0 : 1);
            }
            default -> throw new IllegalArgumentException("mode is steady or answered, not " + args[0]);
        }
    }

    private record Target(HttpRequest request, String answer) {
        Target(String url, String answer) {
            this(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(), answer);
        }

        Target withDeadline(Duration deadline) {
            return new Target(HttpRequest.newBuilder(request.uri()).timeout(deadline).GET().build(), answer);
        }
    }

    private void steady(long pid, int ticksPerSecond, int callers, int warmUpSeconds, int requests, Target target)
            throws Exception {
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        run(callers, () -> {
            while (System.nanoTime() < warmUpEnd) {
                call(target);
            }
        });
        AtomicInteger left = new AtomicInteger(requests);
        AtomicLong waited = new AtomicLong();
        long cpuBefore = cpuTicks(pid);
        long start = System.nanoTime();
        run(callers, () -> {
            while (left.getAndDecrement() > 0) {
                long sent = System.nanoTime();
                call(target);
                waited.addAndGet(System.nanoTime() - sent);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuTicks = cpuTicks(pid) - cpuBefore;
        System.out.printf("requests %d seconds %.3f per-second %.1f mean-us %.1f server-cpu-us %.1f%n", requests,
                seconds, requests / seconds, waited.get() / 1e3 / requests,
                cpuTicks * 1e6 / ticksPerSecond / requests);
    }

    private boolean answered(int callers, int requests, Duration deadline, List<Target> urls) throws Exception {
        List<Target> targets = urls.stream().map(target -> target.withDeadline(deadline)).toList();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger right = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger late = new AtomicInteger();
        run(callers, () -> {
            for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                Target target = targets.get(i % targets.size());
                try {
                    HttpResponse<String> response = client.send(target.request(), HttpResponse.BodyHandlers.ofString());
                    (response.statusCode() == 200 && response.body().equals(target.answer()) ? right : wrong)
                            .incrementAndGet();
                } catch (HttpTimeoutException e) {
                    late.incrementAndGet();
                } catch (IOException e) {
                    wrong.incrementAndGet();
                }
            }
        });
        System.out.printf("requests %d answered-right %d answered-wrong %d not-in-time %d deadline-ms %d%n",
                requests, right.get(), wrong.get(), late.get(), deadline.toMillis());
        return right.get() == requests;
    }

    private void call(Target target) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(target.request(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().equals(target.answer())) {
            throw new IllegalStateException(target.request().uri() + " answered " + response.statusCode() + " "
                    + response.body() + ", not " + target.answer());
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs the work on that many callers and waits for all of them, at most the whole run's deadline. */
    private static void run(int callers, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                done.add(pool.submit(() -> {
                    work.run();
                    return null;
                }));
            }
            long end = System.nanoTime() + WHOLE_RUN.toNanos();
            for (Future<?> caller : done) {
                caller.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The CPU time the process's threads have used so far, user and system, in clock ticks, but for the JIT
     * compilers' threads: compilations that the warm-up left over are not the steady cost of a request. A thread
     * that ended meanwhile is not counted.
     */
    private static long cpuTicks(long pid) throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path thread : threads) {
                try {
                    if (Files.readString(thread.resolve("comm")).matches("C\\d CompilerThre.*\\s*")) {
                        continue;
                    }
                    String stat = Files.readString(thread.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime
                } catch (NoSuchFileException e) {
                    // the thread ended while it was being read
                }
            }
        }
        return ticks;
    }
}
