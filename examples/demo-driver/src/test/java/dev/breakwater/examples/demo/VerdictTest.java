package dev.breakwater.examples.demo;

import static dev.breakwater.examples.demo.BreakerState.CLOSED;
import static dev.breakwater.examples.demo.BreakerState.HALF_OPEN;
import static dev.breakwater.examples.demo.BreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final List<Transitions.Change> WHOLE_CYCLE =
            List.of(
                    new Transitions.Change(1, CLOSED, OPEN),
                    new Transitions.Change(2, OPEN, HALF_OPEN),
                    new Transitions.Change(3, HALF_OPEN, CLOSED));

    private static PhaseReport phase(
            int number, int ok, int gatewayFailed, int refused, long gatewayCalls) {
        Map<Outcome.Kind, Integer> counts = new EnumMap<>(Outcome.Kind.class);
        counts.put(Outcome.Kind.OK, ok);
        counts.put(Outcome.Kind.GATEWAY_FAILED, gatewayFailed);
        counts.put(Outcome.Kind.FAST_FAILED, refused);
        counts.put(Outcome.Kind.OTHER, 0);
        LatencySummary all = new LatencySummary(ok + gatewayFailed + refused, 1, 1, 1);
        LatencySummary none = new LatencySummary(0, 0, 0, 0);
        return new PhaseReport(
                number,
                "phase " + number,
                0,
                1,
                counts,
                all,
                none,
                none,
                gatewayCalls,
                new BreakerMetrics(Map.of(), 0));
    }

    private static List<PhaseReport> story(PhaseReport open) {
        return List.of(
                phase(1, 100, 0, 0, 100),
                phase(2, 0, 4, 1, 12),
                open,
                phase(4, 2, 0, 50, 2),
                phase(5, 100, 0, 0, 100));
    }

    @Test
    void theWholeStoryHasNoProblems() {
        assertThat(Verdict.problems(story(phase(3, 0, 0, 200, 0)), WHOLE_CYCLE)).isEmpty();
    }

    @Test
    void aBreakerThatNeverOpenedIsAProblem() {
        assertThat(Verdict.problems(story(phase(3, 0, 0, 200, 0)), List.of()))
                .contains(
                        "the breaker never opened during the outage",
                        "the breaker did not close through half-open once the gateway was back");
    }

    @Test
    void aGatewayCallWhileOpenIsAProblem() {
        assertThat(Verdict.problems(story(phase(3, 0, 0, 200, 1)), WHOLE_CYCLE))
                .containsExactly("while open, 1 calls reached the gateway");
    }

    @Test
    void anOrderThatWasNotRefusedWhileOpenIsAProblem() {
        assertThat(Verdict.problems(story(phase(3, 0, 1, 199, 0)), WHOLE_CYCLE))
                .containsExactly("while open, 1 of 200 orders were not refused at once");
    }
}
