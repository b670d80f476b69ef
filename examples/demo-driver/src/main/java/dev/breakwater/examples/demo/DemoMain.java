package dev.breakwater.examples.demo;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the demo against a running checkout application and prints its timeline. Exits with 0 when the story
 * happened, 1 when it did not (for example, the breaker never opened), 2 when the application could not be reached.
 *
 * <p>Arguments: {@code [base URL, default http://localhost:8080]}, or {@code --fleet} and the arguments of
 * {@link FleetDemo} for the fleet's story.
 */
public final class DemoMain {

    private static final int CLIENTS = 4;
    private static final Duration THINK_TIME = Duration.ofMillis(50);

    /** The checkout application's {@code successThreshold}: this many good trial calls close the breaker. */
    private static final int SUCCESS_THRESHOLD = 2;

    private static final String GUARDED_METHOD =
            "dev.breakwater.examples.checkout.PaymentService.charge";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        AtomicInteger httpThreads = new AtomicInteger();
        ExecutorService httpExecutor =
                Executors.newCachedThreadPool(
                        task -> {
                            Thread thread =
                                    new Thread(
                                            task,
                                            "breakwater-demo-http-"
                                                    + httpThreads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        if (args.length > 0 && args[0].equals("--fleet")) {
            int status;
            try {
                status =
                        FleetDemo.run(
                                Arrays.copyOfRange(args, 1, args.length),
                                httpExecutor,
                                System.out,
                                System.err,
                                System.console() != null);
            } finally {
                httpExecutor.shutdownNow();
            }
            System.exit(status);
        }
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        PrintStream out = System.out;
        try {
            ShopClient shop = new ShopClient(base, httpExecutor);
            if (!awaitReady(shop)) {
                System.err.println(
                        "The checkout application at "
                                + base
                                + " did not become ready within "
                                + STARTUP.toSeconds()
                                + " s.");
                System.exit(2);
            }
            out.println(
                    "Breakwater demo: "
                            + CLIENTS
                            + " clients place orders at "
                            + base.resolve("/checkout")
                            + "; checkout calls the payment gateway over HTTP.");
            List<PhaseReport> phases;
            Transitions transitions = new Transitions(SUCCESS_THRESHOLD);
            try (Progress progress = new Progress(System.err, System.console() != null)) {
                Traffic traffic = new Traffic(shop, CLIENTS, THINK_TIME);
                try {
                    phases = new Story(shop, traffic, transitions, progress, GUARDED_METHOD).run();
                } finally {
                    traffic.stop();
                }
            }
            List<String> problems = Verdict.problems(phases, transitions.changes());
            new Timeline(out).print(phases, transitions.changes(), problems);
            out.flush();
            System.exit(problems.isEmpty() ? 0 : 1);
        } finally {
            httpExecutor.shutdownNow();
        }
    }

    private static boolean awaitReady(ShopClient shop) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (shop.ready()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
