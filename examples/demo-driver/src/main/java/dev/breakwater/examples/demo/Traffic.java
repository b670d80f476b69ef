package dev.breakwater.examples.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A few clients placing orders in a loop, each as soon as its previous order is answered and a short pause has
 * passed. Outcomes go to the current sink. {@link #pause()} waits until no order is in flight, so a phase ends
 * with every order it started answered, and the next one starts from a quiet gateway.
 */
final class Traffic {

    private final ShopClient shop;
    private final Duration thinkTime;
    private final List<Thread> clients = new ArrayList<>();
    private final AtomicReference<Consumer<Outcome>> sink = new AtomicReference<>(outcome -> {});
    private final Object lock = new Object();
    private boolean paused = true;
    private boolean stopped;
    private int inFlight;
    private volatile Exception failure;

    Traffic(ShopClient shop, int clientCount, Duration thinkTime) {
        this.shop = shop;
        this.thinkTime = thinkTime;
        for (int i = 1; i <= clientCount; i++) {
            Thread client = new Thread(this::placeOrders, "breakwater-demo-client-" + i);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
    }

    /** Sends the outcomes of the orders placed from now on to {@code next}, and lets the clients go. */
    void resume(Consumer<Outcome> next) {
        sink.set(next);
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    /** Stops the clients from placing new orders and waits until every order in flight is answered. */
    void pause() throws InterruptedException {
        synchronized (lock) {
            paused = true;
            while (inFlight > 0) {
                lock.wait();
            }
        }
        if (failure != null) {
            throw new IllegalStateException("a demo client failed", failure);
        }
    }

    private void placeOrders() {
        try {
            while (awaitTurn()) {
                try {
                    sink.get().accept(shop.checkout());
                } finally {
                    synchronized (lock) {
                        inFlight--;
                        lock.notifyAll();
                    }
                }
                Thread.sleep(thinkTime.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Waits while paused; counts the order about to be placed as in flight. */
    private boolean awaitTurn() throws InterruptedException {
        synchronized (lock) {
            while (paused && !stopped) {
                lock.wait();
            }
            if (stopped) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    /** Stops the clients and waits for them; an order in flight is answered first (it has a timeout). */
    void stop() throws InterruptedException {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(35).toMillis());
        }
    }
}
