package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls inside an operation now, and remembers the most there ever were at once. */
final class Occupancy {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    void enter() {
        int inside = now.incrementAndGet();
        most.accumulateAndGet(inside, Math::max);
    }

    void leave() {
        now.decrementAndGet();
    }

    int now() {
        return now.get();
    }

    int most() {
        return most.get();
    }
}
