package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spec's window of the last {@code size} calls, counting slow calls beside failures: a ring of outcomes
 * claimed slot by slot with an atomic cursor, with running counts. Judged like the spec's, when full.
 */
final class CallCountWindow implements OutcomeWindow {

    private static final int RECORDED = 1;
    private static final int FAILURE = 2;
    private static final int SLOW = 4;

    private final AtomicIntegerArray outcomes;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger slow = new AtomicInteger();
    private final int size;
    private final long failuresToOpen;
    private final long slowToOpen;

    CallCountWindow(int size, double failureRatio, double slowCallRatio) {
        this.size = size;
        this.outcomes = new AtomicIntegerArray(size);
        this.failuresToOpen = CircuitBreakerOptions.countToOpen(failureRatio, size);
        this.slowToOpen = CircuitBreakerOptions.countToOpen(slowCallRatio, size);
    }

    @Override
    public boolean record(boolean failure, boolean slowCall, long now) {
        int outcome = RECORDED | (failure ? FAILURE : 0) | (slowCall ? SLOW : 0);
        if (outcome == RECORDED
                && failuresToOpen > 0
                && failures.get() == 0
                && slow.get() == 0
                && full()) {
            return false; // a fast success in a full window of fast successes replaces one: nothing
            // to write
        }
        int slot = (int) (cursor.getAndIncrement() % size);
        int previous = outcomes.getAndSet(slot, outcome);
        if (previous == 0) {
            recorded.incrementAndGet();
        }
        int failed = count(failures, previous, outcome, FAILURE);
        int slowed = count(slow, previous, outcome, SLOW);
        return full() && (failed >= failuresToOpen || slowed >= slowToOpen);
    }

    private boolean full() {
        return recorded.get() >= size;
    }

    private static int count(AtomicInteger counter, int previous, int outcome, int kind) {
        int delta = ((outcome & kind) != 0 ? 1 : 0) - ((previous & kind) != 0 ? 1 : 0);
        return delta == 0 ? counter.get() : counter.addAndGet(delta);
    }
}
