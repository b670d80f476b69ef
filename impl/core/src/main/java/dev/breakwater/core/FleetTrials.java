package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probe calls of one fleet-wide half-open period on this instance: the leases the fleet granted it, the calls
 * admitted against them and their outcomes. Callers admit and count without waiting (a call beyond the leases is
 * refused at once); the fleet member grants leases and reads the outcomes in the background.
 */
final class FleetTrials {

    /** The fleet epoch of the half-open period; -1 for a period the instance entered on its own clock. */
    final long epoch;

    private final AtomicInteger leases = new AtomicInteger();
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    /** Read and written by the fleet member's thread only. */
    private int reportedSuccesses;

    private int reportedFailures;

    FleetTrials(long epoch, int leases) {
        this.epoch = epoch;
        this.leases.set(leases);
    }

    void grant(int more) {
        leases.addAndGet(more);
    }

    int leases() {
        return leases.get();
    }

    /** Admits a call if a lease is left; never waits. */
    boolean admit() {
        while (true) {
            int current = admitted.get();
            if (current >= leases.get()) {
                return false;
            }
            if (admitted.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void succeeded() {
        successes.incrementAndGet();
    }

    void failed() {
        failures.incrementAndGet();
    }

    /** @return the successes since the member's previous report, now reported */
    int reportSuccesses() {
        int total = successes.get();
        int delta = total - reportedSuccesses;
        reportedSuccesses = total;
        return delta;
    }

    /** @return the failures since the member's previous report, now reported */
    int reportFailures() {
        int total = failures.get();
        int delta = total - reportedFailures;
        reportedFailures = total;
        return delta;
    }
}
