package dev.breakwater.examples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The breaker's state changes as the clients see them: the first refused order means it opened; the first order
 * after that which reached the gateway was a trial call (half-open); {@code successThreshold} good trial calls
 * close it, a failed one opens it again.
 */
final class Transitions {

    /** One state change, at a {@link System#nanoTime()} instant. */
    record Change(long atNanos, BreakerState from, BreakerState to) {}

    private final int successThreshold;
    private final List<Change> changes = new ArrayList<>();
    private BreakerState state = BreakerState.CLOSED;
    private long openedAtNanos;
    private int trialSuccesses;

    Transitions(int successThreshold) {
        this.successThreshold = successThreshold;
    }

    synchronized void observe(Outcome outcome) {
        long started = outcome.atNanos() - outcome.latencyNanos();
        switch (state) {
            case CLOSED -> {
                if (outcome.kind() == Outcome.Kind.FAST_FAILED) {
                    move(outcome.atNanos(), BreakerState.OPEN);
                }
            }
            case OPEN -> {
                // An order sent before the breaker opened may still be answered after it: not a
                // trial call.
                boolean reachedGateway =
                        outcome.kind() == Outcome.Kind.OK
                                || outcome.kind() == Outcome.Kind.GATEWAY_FAILED;
                if (reachedGateway && started > openedAtNanos) {
                    move(started, BreakerState.HALF_OPEN);
                    trialSuccesses = 0;
                    afterTrial(outcome);
                }
            }
            case HALF_OPEN -> afterTrial(outcome);
        }
    }

    private void afterTrial(Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.OK && ++trialSuccesses >= successThreshold) {
            move(outcome.atNanos(), BreakerState.CLOSED);
        } else if (outcome.kind() == Outcome.Kind.GATEWAY_FAILED) {
            move(outcome.atNanos(), BreakerState.OPEN);
        }
    }

    private void move(long atNanos, BreakerState to) {
        changes.add(new Change(atNanos, state, to));
        state = to;
        if (to == BreakerState.OPEN) {
            openedAtNanos = atNanos;
        }
    }

    synchronized BreakerState state() {
        return state;
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }
}
