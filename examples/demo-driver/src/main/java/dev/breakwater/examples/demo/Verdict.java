package dev.breakwater.examples.demo;

import java.util.ArrayList;
import java.util.List;

/** Whether the story happened: what each phase had to show, and what went otherwise. */
final class Verdict {

    /** Healthy phases may lose an order to a hiccup of a loaded machine, not more. */
    private static final double HEALTHY_SHARE = 0.95;

    private Verdict() {}

    /** @return what did not happen; empty when the whole story did */
    static List<String> problems(List<PhaseReport> phases, List<Transitions.Change> changes) {
        List<String> problems = new ArrayList<>();
        if (phases.size() != 5) {
            problems.add("the story has " + phases.size() + " phases instead of 5");
            return problems;
        }
        mostlyPaid(phases.get(0), problems, "");
        if (changes.stream().noneMatch(change -> change.to() == BreakerState.OPEN)) {
            problems.add("the breaker never opened during the outage");
        }
        PhaseReport open = phases.get(2);
        if (open.requests() == 0 || open.count(Outcome.Kind.FAST_FAILED) != open.requests()) {
            problems.add(
                    "while open, "
                            + (open.requests() - open.count(Outcome.Kind.FAST_FAILED))
                            + " of "
                            + open.requests()
                            + " orders were not refused at once");
        }
        if (open.gatewayCalls() != 0) {
            problems.add("while open, " + open.gatewayCalls() + " calls reached the gateway");
        }
        boolean closedThroughHalfOpen =
                changes.stream()
                        .anyMatch(
                                change ->
                                        change.from() == BreakerState.HALF_OPEN
                                                && change.to() == BreakerState.CLOSED);
        if (!closedThroughHalfOpen) {
            problems.add("the breaker did not close through half-open once the gateway was back");
        }
        mostlyPaid(phases.get(4), problems, "");
        return problems;
    }

    /**
     * Adds a problem when fewer than {@link #HEALTHY_SHARE} of a healthy phase's orders were paid.
     *
     * @param context what goes before the phase in the problem's sentence, or ""
     */
    static void mostlyPaid(PhaseReport phase, List<String> problems, String context) {
        if (phase.requests() == 0
                || phase.count(Outcome.Kind.OK) < HEALTHY_SHARE * phase.requests()) {
            problems.add(
                    context
                            + "phase "
                            + phase.number()
                            + " ("
                            + phase.name()
                            + "): only "
                            + phase.count(Outcome.Kind.OK)
                            + " of "
                            + phase.requests()
                            + " orders paid");
        }
    }
}
