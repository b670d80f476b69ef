package dev.breakwater.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BreakerMetricsTest {

    private static final String METHOD = "com.acme.Pay.charge";

    private static String scrape(double closed, double open, double opened) {
        return String.join(
                "\n",
                "# TYPE ft_circuitbreaker_state_total_seconds counter",
                "ft_circuitbreaker_state_total_seconds{method=\""
                        + METHOD
                        + "\",state=\"closed\"} "
                        + closed,
                "ft_circuitbreaker_state_total_seconds{method=\""
                        + METHOD
                        + "\",state=\"open\"} "
                        + open,
                "ft_circuitbreaker_state_total_seconds{method=\""
                        + METHOD
                        + "\",state=\"halfOpen\"} 0.0",
                "ft_circuitbreaker_state_total_seconds{method=\"com.acme.Other.call\",state=\"open\"} 99.0",
                "ft_circuitbreaker_opened_total{method=\"" + METHOD + "\"} " + opened);
    }

    @Test
    void readsTheTimeInEachStateAndTheOpeningsOfOneMethod() {
        BreakerMetrics metrics = BreakerMetrics.parse(scrape(8.0, 0.5, 1), METHOD);

        assertThat(metrics.present()).isTrue();
        assertThat(metrics.secondsInState())
                .containsEntry(BreakerState.CLOSED, 8.0)
                .containsEntry(BreakerState.OPEN, 0.5)
                .containsEntry(BreakerState.HALF_OPEN, 0.0);
        assertThat(metrics.opened()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ft_circuitbreaker_state_total",
                "ft_circuitbreaker_state_total_nanoseconds_total"
            })
    void valuesNotNamedInSecondsAreTheSpecsNanoseconds(String name) {
        String scrape = name + "{method=\"" + METHOD + "\",state=\"open\"} 2.5E9";

        assertThat(BreakerMetrics.parse(scrape, METHOD).secondsInState().get(BreakerState.OPEN))
                .isCloseTo(2.5, within(1e-9));
    }

    @Test
    void theDifferenceOfTwoReadingsIsWhatHappenedBetweenThem() {
        BreakerMetrics delta =
                BreakerMetrics.parse(scrape(9.0, 3.5, 2), METHOD)
                        .since(BreakerMetrics.parse(scrape(8.0, 0.5, 1), METHOD));

        assertThat(delta.secondsInState().get(BreakerState.CLOSED)).isCloseTo(1.0, within(1e-9));
        assertThat(delta.secondsInState().get(BreakerState.OPEN)).isCloseTo(3.0, within(1e-9));
        assertThat(delta.opened()).isEqualTo(1.0);
    }

    @Test
    void anApplicationWithoutFaultToleranceMetricsHasNone() {
        assertThat(BreakerMetrics.parse("jvm_threads_live_threads 20.0", METHOD).present())
                .isFalse();
    }
}
