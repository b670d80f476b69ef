package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.FleetBreakerSnapshot;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The control API ({@link CircuitBreakerRegistry} as {@code CircuitBreakers}) of two replicas whose breaker
 * "gateway" is in fleet mode on one {@link InMemoryFleetBackend}: each snapshot shows the replica's own view and the
 * fleet's side by side, and an operator's fleet-wide hold reaches both. Exchanges are driven one by one.
 */
class FleetControlTest {

    private static final IOException FAILURE = new IOException("gateway down");

    private final AtomicLong storeMillis = new AtomicLong(1_700_000_000_000L);
    private final InMemoryFleetBackend store = new InMemoryFleetBackend(storeMillis::get);
    private final CircuitBreakerRegistry registryA = CircuitBreakerRegistry.create();
    private final CircuitBreakerRegistry registryB = CircuitBreakerRegistry.create();
    private final FleetMember a = FleetMember.builder(store).instance("a").build();
    private final FleetMember b = FleetMember.builder(store).instance("b").build();
    private final CircuitBreaker gatewayA = fleetBreaker(registryA, a);
    private final CircuitBreaker gatewayB = fleetBreaker(registryB, b);

    private static CircuitBreaker fleetBreaker(
            CircuitBreakerRegistry registry, FleetMember member) {
        return CircuitBreaker.builder("gateway")
                .requestVolumeThreshold(20)
                .failureRatio(0.5)
                .delay(Duration.ofMinutes(1))
                .registry(registry)
                .fleet(member)
                .build();
    }

    @AfterEach
    void close() {
        registryA.close();
        registryB.close();
    }

    private static void fail(CircuitBreaker breaker, int calls) {
        for (int i = 0; i < calls; i++) {
            breaker.onFailure(breaker.tryAcquire(), FAILURE);
        }
    }

    private FleetBreakerSnapshot fleetOfA() {
        return registryA.find("gateway").orElseThrow().fleet();
    }

    @Test
    void beforeItsFirstExchangeAFleetBreakerDoesNotFollowTheFleetYet() {
        FleetBreakerSnapshot fleet = fleetOfA();

        assertThat(fleet.instance()).isEqualTo("a");
        assertThat(fleet.following()).isFalse();
        assertThat(fleet.state()).isNull();
        assertThat(fleet.sinceLastExchange()).isNull();
        assertThat(fleet.failedExchangesInARow()).isZero();
    }

    @Test
    void theSnapshotShowsTheFleetsViewBesideTheReplicasOwn() {
        fail(gatewayA, 10);
        fail(gatewayB, 10);
        a.round();
        b.round();
        FleetBreakerSnapshot beforeA = fleetOfA();
        assertThat(beforeA.following()).isTrue();
        assertThat(beforeA.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(beforeA.windowCalls()).as("a's ten calls; b's came after").isEqualTo(10);
        assertThat(beforeA.failingReporters()).isEqualTo(1);

        a.round();
        CircuitBreakerSnapshot snapshot = registryA.find("gateway").orElseThrow();
        assertThat(snapshot.state()).as("the replica's own view").isEqualTo(BreakerState.OPEN);
        assertThat(snapshot.fleet().state()).as("the fleet's view").isEqualTo(BreakerState.OPEN);
        assertThat(snapshot.fleet().epoch()).isEqualTo(1);
        assertThat(snapshot.fleet().sinceLastExchange()).isNotNull();

        registryA.holdClosed("gateway");
        snapshot = registryA.find("gateway").orElseThrow();
        assertThat(snapshot.state())
                .as("an operator's hold of this replica wins here")
                .isEqualTo(BreakerState.HELD_CLOSED);
        assertThat(snapshot.fleet().state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void theSnapshotShowsABreakerThatWentOnAloneWithItsFailedExchanges() {
        a.round();
        store.available(false);
        a.round();
        a.round();
        assertThat(fleetOfA().following()).as("2 failures: still in the fleet").isTrue();
        assertThat(fleetOfA().failedExchangesInARow()).isEqualTo(2);

        a.round();
        assertThat(fleetOfA().following()).as("the third: alone").isFalse();
        assertThat(fleetOfA().failedExchangesInARow()).isEqualTo(3);

        store.available(true);
        a.round();
        assertThat(fleetOfA().following()).isTrue();
        assertThat(fleetOfA().failedExchangesInARow()).isZero();
    }

    @Test
    void aLocalBreakerHasNoFleetView() {
        CircuitBreaker.builder("local").registry(registryA).build();

        assertThat(registryA.find("local").orElseThrow().fleet()).isNull();
    }

    @Test
    void anOperatorsFleetHoldThroughTheControlApiReachesEveryReplicaAndEndsWithItsRelease() {
        registryA.holdFleet("gateway", BreakerState.HELD_OPEN, Duration.ofMinutes(30));
        a.round();
        b.round();

        assertThat(gatewayA.state()).isEqualTo(BreakerState.HELD_OPEN);
        assertThat(gatewayB.state()).isEqualTo(BreakerState.HELD_OPEN);
        assertThat(registryB.find("gateway").orElseThrow().fleet().state())
                .isEqualTo(BreakerState.HELD_OPEN);

        registryB.releaseFleet("gateway");
        a.round();
        b.round();
        assertThat(gatewayA.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(gatewayB.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aFleetHoldOfABreakerNotInFleetModeOrOfAnotherStateIsRefusedNamingWhatIsAllowed() {
        CircuitBreaker.builder("local").registry(registryA).build();

        assertThatThrownBy(
                        () ->
                                registryA.holdFleet(
                                        "local", BreakerState.HELD_OPEN, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "circuit breaker 'local' is not in fleet mode, so it cannot be held fleet-wide;"
                                + " allowed: a breaker in fleet mode ([gateway]), or holdOpen, holdClosed or"
                                + " disable for this replica's breaker alone");
        assertThatThrownBy(() -> registryA.releaseFleet("nothing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no circuit breaker is named 'nothing'");
        assertThatThrownBy(
                        () ->
                                registryA.holdFleet(
                                        "gateway", BreakerState.OPEN, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed: HELD_OPEN or HELD_CLOSED");
    }
}
