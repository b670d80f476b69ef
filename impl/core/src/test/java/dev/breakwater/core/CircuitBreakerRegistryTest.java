package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A {@link CircuitBreakerRegistry} lists the breakers built into it under their names, steers them, tells its
 * subscribers of their changes, refuses a second breaker of one name, and lets breakers go when removed or closed.
 */
class CircuitBreakerRegistryTest {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();

    private CircuitBreaker gateway() {
        return CircuitBreaker.builder("gateway")
                .requestVolumeThreshold(2)
                .failureRatio(1)
                .delay(Duration.ofHours(1))
                .registry(registry)
                .build();
    }

    /** A policy as the CDI layer reads one from an annotation. */
    private static CircuitBreakerPolicy annotatedPolicy() {
        return CircuitBreaker.builder("unregistered")
                .requestVolumeThreshold(2)
                .failureRatio(1)
                .delay(Duration.ofHours(1))
                .build()
                .policy();
    }

    private static String fail() {
        throw new IllegalStateException("down");
    }

    private static void failTwice(Guard<String> guard) {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.call(CircuitBreakerRegistryTest::fail))
                    .hasMessage("down");
        }
    }

    @Nested
    class Joining {

        @Test
        void aBreakerBuiltWithTheRegistryIsListedUnderItsNameWithItsPolicy() {
            gateway();

            CircuitBreakerSnapshot snapshot = registry.find("gateway").orElseThrow();

            assertThat(snapshot.state()).isEqualTo(BreakerState.CLOSED);
            assertThat(snapshot.requestVolumeThreshold()).isEqualTo(2);
            assertThat(snapshot.failureRatio()).isEqualTo(1.0);
            assertThat(snapshot.delay()).isEqualTo(Duration.ofHours(1));
            assertThat(snapshot.successThreshold()).isEqualTo(1);
            assertThat(snapshot.methods()).isEmpty();
        }

        @Test
        void aBreakerBuiltWithoutARegistryJoinsNone() {
            CircuitBreaker.builder("loner").build();

            assertThat(registry.list()).isEmpty();
            assertThat(CircuitBreakerRegistry.global().find("loner")).isEmpty();
        }

        @Test
        void theListIsSortedByName() {
            CircuitBreaker.builder("zeta").registry(registry).build();
            CircuitBreaker.builder("alpha").registry(registry).build();

            assertThat(registry.list())
                    .extracting(CircuitBreakerSnapshot::name)
                    .containsExactly("alpha", "zeta");
        }

        @Test
        void aSnapshotCountsTheCallsOfTheGuardsThatUseTheBreaker() {
            Guard<String> guard = Guard.<String>builder("charge").circuitBreaker(gateway()).build();
            guard.call(() -> "ok");
            failTwice(guard);
            assertThatThrownBy(() -> guard.call(() -> "refused"))
                    .isInstanceOf(CircuitBreakerOpen.class);

            CircuitBreakerSnapshot snapshot = registry.find("gateway").orElseThrow();

            assertThat(snapshot.state()).isEqualTo(BreakerState.OPEN);
            assertThat(snapshot.succeeded()).isEqualTo(1);
            assertThat(snapshot.failed()).isEqualTo(2);
            assertThat(snapshot.rejected()).isEqualTo(1);
            assertThat(snapshot.timesOpened()).isEqualTo(1);
        }

        @Test
        void layersAboveNameTheUsersOfTheirBreakersAndShareANameAmongThem() {
            CircuitBreakerPolicy policy = annotatedPolicy();
            CircuitBreaker first =
                    registry.share(
                            "payments", policy, "Checkout.pay()", BreakerStateListener.NONE, null);
            CircuitBreaker second =
                    registry.share(
                            "payments",
                            policy,
                            "Refunds.refund()",
                            BreakerStateListener.NONE,
                            null);

            assertThat(second).isSameAs(first);
            assertThat(registry.find("payments").orElseThrow().methods())
                    .containsExactly("Checkout.pay()", "Refunds.refund()");
        }
    }

    @Nested
    class Steering {

        @Test
        void forceOpenRefusesTheGuardsCallsAndResetLetsThemThrough() {
            Guard<String> guard = Guard.<String>builder("charge").circuitBreaker(gateway()).build();

            registry.forceOpen("gateway");

            assertThat(registry.state("gateway")).isEqualTo(BreakerState.OPEN);
            assertThatThrownBy(() -> guard.call(() -> "refused"))
                    .isInstanceOf(CircuitBreakerOpen.class);
            registry.reset("gateway");
            assertThat(guard.call(() -> "flows")).isEqualTo("flows");
            assertThat(registry.find("gateway").orElseThrow().rejected()).isZero();
        }

        @Test
        void holdOpenIsItsOwnStateUntilForceClosed() {
            Guard<String> guard = Guard.<String>builder("charge").circuitBreaker(gateway()).build();

            registry.holdOpen("gateway");

            assertThat(registry.state("gateway")).isEqualTo(BreakerState.HELD_OPEN);
            assertThatThrownBy(() -> guard.call(() -> "refused"))
                    .isInstanceOf(CircuitBreakerOpen.class);
            registry.forceClosed("gateway");
            assertThat(registry.state("gateway")).isEqualTo(BreakerState.CLOSED);
            assertThat(registry.find("gateway").orElseThrow().rejected()).isEqualTo(1);
        }

        @Test
        void resetAllClosesEveryBreaker() {
            gateway();
            CircuitBreaker.builder("inventory").registry(registry).build();
            registry.forceOpen("gateway");
            registry.forceOpen("inventory");

            registry.resetAll();

            assertThat(registry.list())
                    .extracting(CircuitBreakerSnapshot::state)
                    .containsExactly(BreakerState.CLOSED, BreakerState.CLOSED);
        }

        @Test
        void anUnknownNameIsRefusedNamingTheKnownOnes() {
            gateway();

            assertThat(registry.find("nope")).isEmpty();
            assertThatThrownBy(() -> registry.forceOpen("nope"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no circuit breaker is named 'nope'; the breakers are [gateway]");
            assertThatThrownBy(() -> registry.subscribe("nope", change -> {}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Subscribing {

        @Test
        void subscribersHearEveryChangeAfterTheBreakersOwnListener() {
            List<String> heard = new CopyOnWriteArrayList<>();
            CircuitBreaker breaker =
                    CircuitBreaker.builder("gateway")
                            .requestVolumeThreshold(2)
                            .failureRatio(1)
                            .delay(Duration.ofHours(1))
                            .onStateChange(change -> heard.add("own " + change.to()))
                            .registry(registry)
                            .build();
            registry.subscribe(change -> heard.add("subscriber " + change.to()));
            Guard<String> guard = Guard.<String>builder("charge").circuitBreaker(breaker).build();

            failTwice(guard);
            registry.forceClosed("gateway");

            assertThat(heard)
                    .containsExactly(
                            "own OPEN", "subscriber OPEN", "own CLOSED", "subscriber CLOSED");
        }

        @Test
        void aSubscriptionToOneNameHearsOnlyThatBreaker() {
            gateway();
            CircuitBreaker.builder("inventory").registry(registry).build();
            List<BreakerStateChange> heard = new CopyOnWriteArrayList<>();
            registry.subscribe("inventory", heard::add);

            registry.forceOpen("gateway");
            registry.holdOpen("inventory");

            assertThat(heard)
                    .containsExactly(
                            new BreakerStateChange(
                                    "inventory", BreakerState.CLOSED, BreakerState.HELD_OPEN));
        }

        @Test
        void aClosedSubscriptionHearsNothingMoreAndAFailingSubscriberHidesNothing() {
            gateway();
            List<BreakerStateChange> heard = new CopyOnWriteArrayList<>();
            registry.subscribe(
                    change -> {
                        throw new IllegalStateException("a subscriber's bug");
                    });
            Subscription subscription = registry.subscribe(heard::add);

            registry.forceOpen("gateway");
            subscription.close();
            registry.forceClosed("gateway");

            assertThat(heard)
                    .containsExactly(
                            new BreakerStateChange(
                                    "gateway", BreakerState.CLOSED, BreakerState.OPEN));
        }
    }

    @Nested
    class DuplicateNames {

        @Test
        void aSecondBreakerOfOneNameFailsToBuildNamingTheName() {
            gateway();

            assertThatThrownBy(() -> CircuitBreaker.builder("gateway").registry(registry).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "circuit breaker 'gateway': a circuit breaker is already named 'gateway' (used by code"
                                    + " that built it); allowed: a name no other circuit breaker of the registry has (only"
                                    + " methods sharing a @BreakerName share one)");
        }

        @Test
        void aSharedNameIsNotOpenToABreakerBuiltInCodeNorTheOtherWayRound() {
            CircuitBreakerPolicy policy = annotatedPolicy();
            registry.share("payments", policy, "Checkout.pay()", BreakerStateListener.NONE, null);
            gateway();

            assertThatThrownBy(() -> CircuitBreaker.builder("payments").registry(registry).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already named 'payments' (used by [Checkout.pay()])");
            assertThatThrownBy(
                            () ->
                                    registry.share(
                                            "gateway",
                                            policy,
                                            "Refunds.refund()",
                                            BreakerStateListener.NONE,
                                            null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(
                            "Refunds.refund(): a circuit breaker is already named 'gateway'");
        }

        @Test
        void twoRegistriesMayEachHaveABreakerOfOneName() {
            CircuitBreakerRegistry other = CircuitBreakerRegistry.create();
            CircuitBreaker mine = gateway();

            CircuitBreaker theirs = CircuitBreaker.builder("gateway").registry(other).build();

            assertThat(theirs).isNotSameAs(mine);
            assertThat(other.list())
                    .extracting(CircuitBreakerSnapshot::name)
                    .containsExactly("gateway");
        }
    }

    @Nested
    class RemovingAndClosing {

        @Test
        void aRemovedBreakerLeavesTheListFreesItsNameAndTellsNoSubscriberButKeepsGuarding() {
            Guard<String> guard = Guard.<String>builder("charge").circuitBreaker(gateway()).build();
            List<BreakerStateChange> heard = new CopyOnWriteArrayList<>();
            registry.subscribe(heard::add);

            assertThat(registry.remove("gateway")).isTrue();
            failTwice(guard);

            assertThat(registry.list()).isEmpty();
            assertThat(heard).isEmpty();
            assertThatThrownBy(() -> guard.call(() -> "refused"))
                    .isInstanceOf(CircuitBreakerOpen.class);
            assertThat(CircuitBreaker.builder("gateway").registry(registry).build().state())
                    .isEqualTo(BreakerState.CLOSED);
            assertThat(registry.remove("never-registered")).isFalse();
        }

        @Test
        void anOwnerRemovesItsOwnBreakerButNotALaterOneOfTheSameName() {
            CircuitBreaker first = gateway();
            assertThat(registry.remove("gateway", first)).isTrue();
            CircuitBreaker second = gateway();

            assertThat(registry.remove("gateway", first)).isFalse();
            assertThat(registry.find("gateway")).isPresent();
            assertThat(registry.remove("gateway", second)).isTrue();
            assertThat(registry.list()).isEmpty();
        }

        @Test
        void aClosedRegistryIsEmptyTellsNobodyAndRefusesNewBreakers() {
            Guard<String> guard = Guard.<String>builder("charge").circuitBreaker(gateway()).build();
            List<BreakerStateChange> heard = new CopyOnWriteArrayList<>();
            registry.subscribe(heard::add);

            registry.close();
            failTwice(guard);
            registry.close();

            assertThat(registry.list()).isEmpty();
            assertThat(heard).isEmpty();
            assertThatThrownBy(() -> CircuitBreaker.builder("inventory").registry(registry).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "circuit breaker 'inventory' cannot join a closed registry: its application has"
                                    + " stopped");
        }

        @Test
        void theGlobalRegistryIsOneAndCannotBeClosed() {
            assertThat(CircuitBreakerRegistry.global()).isSameAs(CircuitBreakerRegistry.global());
            assertThatThrownBy(() -> CircuitBreakerRegistry.global().close())
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("lives as long as the JVM");
        }
    }
}
