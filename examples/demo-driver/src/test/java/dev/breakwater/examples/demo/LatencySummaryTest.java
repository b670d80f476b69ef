package dev.breakwater.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void nearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }

        assertThat(LatencySummary.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(LatencySummary.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(LatencySummary.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    }

    @Test
    void summarisesOneKindInMilliseconds() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int ms = 1; ms <= 4; ms++) {
            outcomes.add(new Outcome(Outcome.Kind.FAST_FAILED, ms * 1_000_000L, 0));
        }
        outcomes.add(new Outcome(Outcome.Kind.OK, 900_000_000L, 0));

        LatencySummary refused = LatencySummary.of(outcomes, Outcome.Kind.FAST_FAILED);

        assertThat(refused).isEqualTo(new LatencySummary(4, 2.5, 2.0, 4.0));
        assertThat(LatencySummary.of(outcomes, null).count()).isEqualTo(5);
        assertThat(LatencySummary.of(List.of(), null).count()).isZero();
    }
}
