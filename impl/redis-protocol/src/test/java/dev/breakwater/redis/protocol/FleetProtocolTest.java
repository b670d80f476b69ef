package dev.breakwater.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetRules;
import dev.breakwater.core.fleet.FleetUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol both Redis backends share, without Redis: what an exchange sends and how a reply is read. The
 * script's rules themselves are checked against a real redis-server by breakwater-redis's
 * {@code FleetRulesConformanceTest}.
 */
class FleetProtocolTest {

    private final FleetProtocol protocol = new FleetProtocol("checkout");
    private final FleetRules rules = new FleetRules(20, 0.5, 2, 10_000, 5_000, 1, 5_000);

    @Test
    void anExchangeNamesEachBreakersThreeKeysThenEachLimitersKey() {
        ScriptCall call =
                protocol.exchange(
                        "replica-1",
                        List.of(new FleetReport("gateway", rules, 4, 1, 0, 0, 0, 0)),
                        List.of(new FleetLeaseRequest("payments", 60, 1_000, 5, 0, 100, 10_000)));

        assertThat(call.keys())
                .containsExactly(
                        "breakwater:checkout:breaker:gateway:state",
                        "breakwater:checkout:breaker:gateway:window",
                        "breakwater:checkout:breaker:gateway:hold",
                        "breakwater:checkout:limiter:payments");
        assertThat(call.args())
                .startsWith("x", "breakwater:checkout:transitions", "replica-1", "1")
                .endsWith("1", "60", "1000", "5", "0", "100", "10000");
        assertThat(call.args()).hasSize(4 + 13 + 1 + 6);
    }

    @Test
    void aReplyOfTheRightShapeBecomesViewsAndLeases() {
        ScriptCall call =
                protocol.exchange(
                        "replica-1",
                        List.of(new FleetReport("gateway", rules, 4, 1, 0, 0, 0, 0)),
                        List.of(new FleetLeaseRequest("payments", 60, 1_000, 5, 0, 100, 10_000)));

        FleetReply reply =
                protocol.readExchange(
                        call,
                        List.of(
                                1_000L, 1L, 7L, 4_000L, 0L, 24L, 13L, 2L, 1L, 5L, 0L, 900L, 3L,
                                17L));

        assertThat(reply.serverMillis()).isEqualTo(1_000);
        assertThat(reply.views().get(0).state()).isEqualTo(BreakerState.OPEN);
        assertThat(reply.views().get(0).epoch()).isEqualTo(7);
        assertThat(reply.views().get(0).failingReporters()).isEqualTo(2);
        assertThat(reply.leases().get(0).granted()).isEqualTo(5);
        assertThat(reply.leases().get(0).instances()).isEqualTo(3);
        assertThat(reply.leases().get(0).windowGranted()).isEqualTo(17);
    }

    @Test
    void aReplyOfAnotherShapeIsAFailedExchangeShowingWhatCame() {
        ScriptCall call =
                protocol.exchange(
                        "replica-1",
                        List.of(new FleetReport("gateway", rules, 0, 0, 0, 0, 0, 0)),
                        List.of());

        assertThatThrownBy(() -> protocol.readExchange(call, List.of(1L, 2L)))
                .isInstanceOf(FleetUnavailableException.class)
                .hasMessageContaining("a list of 8 integers: [1, 2]");
        assertThatThrownBy(
                        () -> protocol.readExchange(call, List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, "0")))
                .hasMessageContaining("integers only");
        assertThatThrownBy(
                        () -> protocol.readExchange(call, List.of(1L, 9L, 0L, 0L, 0L, 0L, 0L, 0L)))
                .hasMessageContaining("a state code from 0 to 4");
        assertThatThrownBy(() -> FleetProtocol.readTime(List.of("soon", "1")))
                .isInstanceOf(FleetUnavailableException.class)
                .hasMessageContaining("seconds and microseconds");
    }

    @Test
    void holdsAreRefusedOutsideTheirStatesAndNoScriptIsRecognised() {
        assertThat(protocol.hold("gateway", BreakerState.HELD_OPEN, Duration.ofSeconds(2)).args())
                .containsExactly("h", "breakwater:checkout:transitions", "HELD_OPEN", "2000");
        assertThatThrownBy(() -> protocol.hold("gateway", BreakerState.OPEN, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed: HELD_OPEN or HELD_CLOSED");
        assertThat(FleetScript.unknown("NOSCRIPT No matching script. Please use EVAL.")).isTrue();
        assertThat(FleetScript.unknown("ERR something else")).isFalse();
        assertThat(protocol.script().digest()).hasSize(40);
    }
}
