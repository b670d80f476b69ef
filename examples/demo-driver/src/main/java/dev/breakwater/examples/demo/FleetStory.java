package dev.breakwater.examples.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The fleet's story, once with cluster mode off or on: healthy orders spread over the replicas, then the gateway
 * cut for all of them, until every replica has stopped calling it (or for {@link #AT_MOST}). The gateway counts
 * each replica's calls; the clients see which orders were refused at once.
 */
final class FleetStory {

    /** The whole fleet's orders per second, round-robin over the replicas. */
    static final int ORDERS_PER_SECOND = 10;

    private static final int WARM_UP_ORDERS = 3;
    private static final Duration HEALTHY = Duration.ofSeconds(5);
    private static final Duration AT_MOST = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(50);

    private final StandInGateway gateway;
    private final List<String> names;
    private final List<ShopClient> shops;
    private final Progress progress;
    private final String guardedMethod;

    FleetStory(
            StandInGateway gateway,
            List<String> names,
            List<ShopClient> shops,
            Progress progress,
            String guardedMethod) {
        this.gateway = gateway;
        this.names = List.copyOf(names);
        this.shops = List.copyOf(shops);
        this.progress = progress;
        this.guardedMethod = guardedMethod;
    }

    FleetRun run(String mode) throws IOException, InterruptedException {
        gateway.cut(false);
        warmUp();
        BreakerMetrics atStart = breakerMetrics();
        PhaseRecorder healthy = new PhaseRecorder("healthy traffic");
        progress.started(1, healthy);
        FleetTraffic traffic =
                new FleetTraffic(
                        shops, ORDERS_PER_SECOND, order -> healthy.accept(order.outcome()));
        try {
            Thread.sleep(HEALTHY.toMillis());

            long cut = System.nanoTime();
            gateway.cut(true);
            PhaseRecorder outage = new PhaseRecorder("gateway cut, until all replicas stop");
            List<ConcurrentLinkedQueue<Outcome>> byReplica = new ArrayList<>();
            for (int i = 0; i < shops.size(); i++) {
                byReplica.add(new ConcurrentLinkedQueue<>());
            }
            traffic.sendTo(
                    order -> {
                        outage.accept(order.outcome());
                        byReplica.get(order.replica()).add(order.outcome());
                    });
            BreakerMetrics atCut = breakerMetrics();
            PhaseReport healthyReport =
                    PhaseReport.of(
                            1,
                            healthy,
                            cut,
                            callsBetween(healthy.startNanos(), cut),
                            atCut.since(atStart));
            progress.finished(healthyReport);
            progress.started(2, outage);
            awaitEveryReplicaStopped(cut, byReplica);
            traffic.stop();
            PhaseReport outageReport =
                    PhaseReport.of(
                            2,
                            outage,
                            System.nanoTime(),
                            gateway.callsSince(cut).size(),
                            breakerMetrics().since(atCut));
            progress.finished(outageReport);
            return FleetRun.ran(
                    mode,
                    List.of(healthyReport, outageReport),
                    ReplicaOutage.of(cut, names, gateway.callsSince(cut), snapshot(byReplica)));
        } finally {
            traffic.stop(); // again when the story failed half way: stopping twice is harmless
            gateway.cut(false);
        }
    }

    /**
     * A few orders to each replica, one at a time, before the story: a replica's first calls are slow while it
     * loads its classes, and would otherwise stand out in the healthy phase's latencies.
     */
    private void warmUp() throws InterruptedException {
        for (int round = 0; round < WARM_UP_ORDERS; round++) {
            for (ShopClient shop : shops) {
                shop.checkout();
            }
        }
    }

    /** Waits until every replica has stopped calling the gateway, telling each as it happens. */
    private void awaitEveryReplicaStopped(long cut, List<ConcurrentLinkedQueue<Outcome>> byReplica)
            throws InterruptedException {
        boolean[] told = new boolean[names.size()];
        long deadline = cut + AT_MOST.toNanos();
        while (System.nanoTime() < deadline) {
            List<ReplicaOutage> outages =
                    ReplicaOutage.of(cut, names, gateway.callsSince(cut), snapshot(byReplica));
            boolean all = true;
            for (int i = 0; i < outages.size(); i++) {
                ReplicaOutage replica = outages.get(i);
                all &= replica.stopped();
                if (replica.stopped() && !told[i]) {
                    told[i] = true;
                    progress.note(
                            String.format(
                                    Locale.ROOT,
                                    "        %s stopped calling the gateway %.1f s after the cut,"
                                            + " after %d calls",
                                    replica.replica(),
                                    replica.secondsToStop(),
                                    replica.gatewayCalls()));
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private long callsBetween(long fromNanos, long toNanos) {
        return gateway.callsSince(fromNanos).stream()
                .filter(call -> call.atNanos() < toNanos)
                .count();
    }

    private static List<List<Outcome>> snapshot(List<ConcurrentLinkedQueue<Outcome>> byReplica) {
        List<List<Outcome>> copy = new ArrayList<>();
        for (ConcurrentLinkedQueue<Outcome> outcomes : byReplica) {
            copy.add(List.copyOf(outcomes));
        }
        return copy;
    }

    /** @return the breakers' own accounts, every replica's summed */
    private BreakerMetrics breakerMetrics() throws IOException, InterruptedException {
        BreakerMetrics sum = BreakerMetrics.parse("", guardedMethod);
        for (ShopClient shop : shops) {
            sum = sum.plus(BreakerMetrics.parse(shop.metrics(), guardedMethod));
        }
        return sum;
    }
}
