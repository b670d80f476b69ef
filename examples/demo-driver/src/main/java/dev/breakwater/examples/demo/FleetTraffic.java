package dev.breakwater.examples.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Orders arriving at a fixed rate for the whole fleet, spread round-robin over the replicas, as behind a load
 * balancer: an order is placed on time whether or not the earlier ones were answered, so a slow or failing replica
 * does not slow the arrivals down. Each answer goes to the sink current when it arrives, with the index of the
 * replica that gave it.
 */
final class FleetTraffic {

    /** One order's outcome, from replica {@code replica} (its index in the fleet). */
    record Order(int replica, Outcome outcome) {}

    private static final Duration ANSWERS_AT_MOST = Duration.ofSeconds(35);

    private final List<ShopClient> replicas;
    private final AtomicReference<Consumer<Order>> sink;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    task -> {
                        Thread thread = new Thread(task, "breakwater-demo-traffic");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final ConcurrentHashMap.KeySetView<CompletableFuture<?>, Boolean> inFlight =
            ConcurrentHashMap.newKeySet();
    private int next;

    /**
     * Starts placing {@code ordersPerSecond} orders a second in all over {@code replicas}.
     *
     * @param first where the outcomes go until {@link #sendTo} says otherwise
     */
    FleetTraffic(List<ShopClient> replicas, int ordersPerSecond, Consumer<Order> first) {
        this.replicas = List.copyOf(replicas);
        this.sink = new AtomicReference<>(first);
        scheduler.scheduleAtFixedRate(
                this::placeOrder, 0, 1_000_000L / ordersPerSecond, TimeUnit.MICROSECONDS);
    }

    /** Sends the outcomes of the orders answered from now on to {@code next}. */
    void sendTo(Consumer<Order> next) {
        sink.set(next);
    }

    private void placeOrder() {
        int replica = next;
        next = (next + 1) % replicas.size();
        CompletableFuture<?> answered =
                replicas.get(replica)
                        .checkoutAsync()
                        .thenAccept(outcome -> sink.get().accept(new Order(replica, outcome)));
        inFlight.add(answered);
        answered.whenComplete((ignored, failure) -> inFlight.remove(answered));
    }

    /** Stops placing orders and waits until every order placed is answered (each has a timeout). */
    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(ANSWERS_AT_MOST.toSeconds(), TimeUnit.SECONDS);
        try {
            CompletableFuture.allOf(new ArrayList<>(inFlight).toArray(CompletableFuture[]::new))
                    .get(ANSWERS_AT_MOST.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("orders still unanswered after the traffic stopped", e);
        }
    }
}
