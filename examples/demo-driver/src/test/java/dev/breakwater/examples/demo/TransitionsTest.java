package dev.breakwater.examples.demo;

import static dev.breakwater.examples.demo.BreakerState.CLOSED;
import static dev.breakwater.examples.demo.BreakerState.HALF_OPEN;
import static dev.breakwater.examples.demo.BreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransitionsTest {

    private final Transitions transitions = new Transitions(2);

    /** An outcome that started at {@code start} and ended at {@code end}, in made-up nanoseconds. */
    private static Outcome outcome(Outcome.Kind kind, long start, long end) {
        return new Outcome(kind, end - start, end);
    }

    @Test
    void theFirstRefusedOrderOpensTheBreaker() {
        transitions.observe(outcome(Outcome.Kind.GATEWAY_FAILED, 0, 10));
        transitions.observe(outcome(Outcome.Kind.FAST_FAILED, 11, 12));

        assertThat(transitions.changes()).containsExactly(new Transitions.Change(12, CLOSED, OPEN));
    }

    @Test
    void anOrderSentBeforeTheBreakerOpenedIsNotATrialCall() {
        transitions.observe(outcome(Outcome.Kind.FAST_FAILED, 11, 12));
        transitions.observe(outcome(Outcome.Kind.GATEWAY_FAILED, 5, 20));

        assertThat(transitions.state()).isEqualTo(OPEN);
    }

    @Test
    void successfulTrialCallsCloseTheBreakerOnceThereAreEnough() {
        transitions.observe(outcome(Outcome.Kind.FAST_FAILED, 11, 12));
        transitions.observe(outcome(Outcome.Kind.OK, 100, 110));
        assertThat(transitions.state()).isEqualTo(HALF_OPEN);

        transitions.observe(outcome(Outcome.Kind.FAST_FAILED, 105, 106));
        transitions.observe(outcome(Outcome.Kind.OK, 111, 120));

        assertThat(transitions.changes())
                .containsExactly(
                        new Transitions.Change(12, CLOSED, OPEN),
                        new Transitions.Change(100, OPEN, HALF_OPEN),
                        new Transitions.Change(120, HALF_OPEN, CLOSED));
    }

    @Test
    void aFailedTrialCallOpensTheBreakerAgain() {
        transitions.observe(outcome(Outcome.Kind.FAST_FAILED, 11, 12));
        transitions.observe(outcome(Outcome.Kind.GATEWAY_FAILED, 100, 110));

        assertThat(transitions.changes())
                .containsExactly(
                        new Transitions.Change(12, CLOSED, OPEN),
                        new Transitions.Change(100, OPEN, HALF_OPEN),
                        new Transitions.Change(110, HALF_OPEN, OPEN));
    }
}
