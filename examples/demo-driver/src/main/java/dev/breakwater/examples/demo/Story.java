package dev.breakwater.examples.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The circuit breaker's story, told with real traffic: healthy checkouts, a gateway outage until the breaker
 * opens, fast failures while it is open, the gateway's return and the trial calls that close the breaker, and
 * healthy traffic again. Each phase ends with every order it placed answered.
 */
final class Story {

    /** The gateway's latency when healthy; during the outage it answers 503 after {@link #OUTAGE_LATENCY_MS}. */
    private static final long HEALTHY_LATENCY_MS = 30;

    private static final long OUTAGE_LATENCY_MS = 200;
    private static final Duration HEALTHY = Duration.ofSeconds(8);
    private static final Duration OPEN = Duration.ofSeconds(3);
    private static final Duration CLOSED_AGAIN = Duration.ofSeconds(5);
    private static final Duration AT_MOST = Duration.ofSeconds(40);
    private static final Duration POLL = Duration.ofMillis(20);

    private final ShopClient shop;
    private final Traffic traffic;
    private final Transitions transitions;
    private final Progress progress;
    private final String guardedMethod;
    private final List<PhaseReport> reports = new ArrayList<>();

    Story(
            ShopClient shop,
            Traffic traffic,
            Transitions transitions,
            Progress progress,
            String guardedMethod) {
        this.shop = shop;
        this.traffic = traffic;
        this.transitions = transitions;
        this.progress = progress;
        this.guardedMethod = guardedMethod;
    }

    List<PhaseReport> run() throws IOException, InterruptedException {
        shop.turnKnobs(false, 0, HEALTHY_LATENCY_MS);
        phaseFor("healthy traffic", HEALTHY);

        shop.turnKnobs(true, 0, OUTAGE_LATENCY_MS);
        phaseUntil("gateway outage", () -> transitions.state() == BreakerState.OPEN);
        phaseFor("breaker open, gateway still down", OPEN);

        shop.turnKnobs(false, 0, HEALTHY_LATENCY_MS);
        phaseUntil(
                "gateway back: half-open trial calls",
                () -> transitions.state() == BreakerState.CLOSED);
        phaseFor("closed again", CLOSED_AGAIN);
        return List.copyOf(reports);
    }

    private void phaseFor(String name, Duration duration) throws IOException, InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        phaseUntil(name, () -> System.nanoTime() >= end);
    }

    /** Runs traffic until {@code done} holds, or for {@link #AT_MOST} when it never does. */
    private void phaseUntil(String name, BooleanSupplier done)
            throws IOException, InterruptedException {
        int number = reports.size() + 1;
        long chargesBefore = shop.gatewayCharges();
        BreakerMetrics metricsBefore = breakerMetrics();
        PhaseRecorder recorder = new PhaseRecorder(name);
        progress.started(number, recorder);
        traffic.resume(
                outcome -> {
                    recorder.accept(outcome);
                    transitions.observe(outcome);
                });
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
        traffic.pause();
        long end = System.nanoTime();
        PhaseReport report =
                PhaseReport.of(
                        number,
                        recorder,
                        end,
                        shop.gatewayCharges() - chargesBefore,
                        breakerMetrics().since(metricsBefore));
        reports.add(report);
        progress.finished(report);
    }

    private BreakerMetrics breakerMetrics() throws IOException, InterruptedException {
        return BreakerMetrics.parse(shop.metrics(), guardedMethod);
    }
}
