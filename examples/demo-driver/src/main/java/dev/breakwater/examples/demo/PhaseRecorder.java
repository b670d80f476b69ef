package dev.breakwater.examples.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** Collects the outcomes of one phase's orders, from any client thread. */
final class PhaseRecorder implements Consumer<Outcome> {

    private final String name;
    private final long startNanos = System.nanoTime();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    PhaseRecorder(String name) {
        this.name = name;
    }

    @Override
    public void accept(Outcome outcome) {
        outcomes.add(outcome);
    }

    String name() {
        return name;
    }

    long startNanos() {
        return startNanos;
    }

    List<Outcome> outcomes() {
        return new ArrayList<>(outcomes);
    }

    /** @return how many orders ended each way so far */
    Map<Outcome.Kind, Integer> counts() {
        Map<Outcome.Kind, Integer> counts = new EnumMap<>(Outcome.Kind.class);
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            counts.put(kind, 0);
        }
        for (Outcome outcome : outcomes) {
            counts.merge(outcome.kind(), 1, Integer::sum);
        }
        return counts;
    }
}
