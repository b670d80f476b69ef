package dev.breakwater.cdi;

import static dev.breakwater.cdi.Deployments.definitionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link CircuitBreakers} bean on a real container: every breaker is listed under its name with its state and
 * counts, can be reset, forced open or closed, and reports its changes; {@link BreakerName} lets methods share a
 * breaker, and misuse of it fails the deployment.
 */
@org.junit.jupiter.api.Timeout(60)
class BreakerControlTest {

    private static final String CHECKOUT_PAY = Checkout.class.getName() + "#pay";

    private WeldContainer container;
    private CircuitBreakers breakers;
    private Checkout checkout;
    private Refunds refunds;

    @BeforeEach
    void start() {
        container =
                Deployments.start(Checkout.class, Refunds.class, Overloads.class, Operator.class);
        breakers = container.select(CircuitBreakers.class).get();
        checkout = container.select(Checkout.class).get();
        refunds = container.select(Refunds.class).get();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private static void failing(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(UncheckedIOException.class);
    }

    private CircuitBreakerSnapshot snapshot(String name) {
        return breakers.find(name).orElseThrow();
    }

    @Nested
    class Listing {

        @Test
        void anUnnamedBreakerIsNamedAfterItsBeanClassAndMethod() {
            CircuitBreakerSnapshot pay = snapshot(CHECKOUT_PAY);

            assertThat(pay.state()).isEqualTo(BreakerState.CLOSED);
            assertThat(pay.methods()).containsExactly(Checkout.class.getName() + ".pay(boolean)");
            assertThat(pay.requestVolumeThreshold()).isEqualTo(2);
            assertThat(pay.failureRatio()).isEqualTo(1.0);
            assertThat(pay.delay()).isEqualTo(Duration.ofHours(1));
            assertThat(pay.successThreshold()).isEqualTo(1);
        }

        @Test
        void overloadedMethodsGetTheirParameterTypesInTheirDefaultNames() {
            assertThat(breakers.list())
                    .extracting(CircuitBreakerSnapshot::name)
                    .contains(
                            Overloads.class.getName() + "#send(java.lang.String)",
                            Overloads.class.getName() + "#send(java.lang.String, int)")
                    .doesNotContain(Overloads.class.getName() + "#send");
        }

        @Test
        void everyBreakerIsListedOnceSortedByName() {
            assertThat(breakers.list())
                    .extracting(CircuitBreakerSnapshot::name)
                    .containsExactly(
                            CHECKOUT_PAY,
                            Overloads.class.getName() + "#send(java.lang.String)",
                            Overloads.class.getName() + "#send(java.lang.String, int)",
                            "payment-gateway");
        }

        @Test
        void methodsWithOneBreakerNameShareOneBreakerListedWithAllOfThem() {
            assertThat(snapshot("payment-gateway").methods())
                    .containsExactly(
                            Checkout.class.getName() + ".charge(boolean)",
                            Refunds.class.getName() + ".refund(boolean)");
        }

        @Test
        void theStateOfOneBreakerIsItsSnapshotsState() {
            failing(() -> checkout.pay(false));
            failing(() -> checkout.pay(false));

            assertThat(breakers.state(CHECKOUT_PAY)).isEqualTo(BreakerState.OPEN);
            assertThat(breakers.state("payment-gateway")).isEqualTo(BreakerState.CLOSED);
        }

        @Test
        void anUnknownNameFindsNothing() {
            assertThat(breakers.find("no-such-breaker")).isEmpty();
        }
    }

    @Nested
    class Counting {

        @Test
        void successesFailuresRejectionsAndOpeningsAreCounted() {
            checkout.pay(true);
            failing(() -> checkout.pay(false));
            failing(() -> checkout.pay(false)); // the window of 2 is all failures: opens
            assertThatThrownBy(() -> checkout.pay(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);

            CircuitBreakerSnapshot pay = snapshot(CHECKOUT_PAY);
            assertThat(pay.state()).isEqualTo(BreakerState.OPEN);
            assertThat(pay.succeeded()).isEqualTo(1);
            assertThat(pay.failed()).isEqualTo(2);
            assertThat(pay.rejected()).isEqualTo(1);
            assertThat(pay.timesOpened()).isEqualTo(1);
        }

        @Test
        void failuresOfOneMethodOpenTheBreakerItSharesWithAnother() {
            failing(() -> checkout.charge(false));
            failing(() -> refunds.refund(false));

            assertThat(snapshot("payment-gateway").state()).isEqualTo(BreakerState.OPEN);
            assertThatThrownBy(() -> checkout.charge(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            assertThatThrownBy(() -> refunds.refund(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(snapshot("payment-gateway").rejected()).isEqualTo(2);
        }

        @Test
        void aSnapshotDoesNotChangeAfterItWasTaken() {
            CircuitBreakerSnapshot before = snapshot(CHECKOUT_PAY);
            checkout.pay(true);

            assertThat(before.succeeded()).isZero();
            assertThat(snapshot(CHECKOUT_PAY).succeeded()).isEqualTo(1);
        }
    }

    @Nested
    class Steering {

        @Test
        void resetClosesAnOpenBreakerAndSetsItsCountsToZero() {
            failing(() -> checkout.pay(false));
            failing(() -> checkout.pay(false));

            breakers.reset(CHECKOUT_PAY);

            CircuitBreakerSnapshot pay = snapshot(CHECKOUT_PAY);
            assertThat(pay.state()).isEqualTo(BreakerState.CLOSED);
            assertThat(List.of(pay.succeeded(), pay.failed(), pay.rejected(), pay.timesOpened()))
                    .containsOnly(0L);
            assertThat(checkout.pay(true)).isEqualTo("paid");
        }

        @Test
        void resetAllResetsEveryBreaker() {
            failing(() -> checkout.pay(false));
            failing(() -> checkout.pay(false));
            failing(() -> checkout.charge(false));
            failing(() -> checkout.charge(false));

            breakers.resetAll();

            assertThat(breakers.list())
                    .extracting(CircuitBreakerSnapshot::state)
                    .containsOnly(BreakerState.CLOSED);
            assertThat(checkout.pay(true)).isEqualTo("paid");
            assertThat(checkout.charge(true)).isEqualTo("charged");
        }

        @Test
        void aForcedOpenBreakerRefusesCallsWithoutCallingTheMethod() {
            breakers.forceOpen(CHECKOUT_PAY);

            assertThatThrownBy(() -> checkout.pay(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(checkout.payCalls).isZero();
            assertThat(snapshot(CHECKOUT_PAY).state()).isEqualTo(BreakerState.OPEN);
        }

        @Test
        void aForcedClosedBreakerLetsCallsThroughAndKeepsItsCounts() {
            failing(() -> checkout.pay(false));
            failing(() -> checkout.pay(false));

            breakers.forceClosed(CHECKOUT_PAY);

            assertThat(checkout.pay(true)).isEqualTo("paid");
            CircuitBreakerSnapshot pay = snapshot(CHECKOUT_PAY);
            assertThat(pay.state()).isEqualTo(BreakerState.CLOSED);
            assertThat(pay.failed()).isEqualTo(2);
            assertThat(pay.timesOpened()).isEqualTo(1);
        }

        @Test
        void forcingOneSharedBreakerOpenRefusesEveryMethodThatSharesIt() {
            breakers.forceOpen("payment-gateway");

            assertThatThrownBy(() -> checkout.charge(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            assertThatThrownBy(() -> refunds.refund(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(checkout.pay(true)).as("another breaker is untouched").isEqualTo("paid");
        }

        @Test
        void aBreakerHeldOpenRefusesEveryMethodThatSharesItUntilForcedClosed() {
            breakers.holdOpen("payment-gateway");

            assertThatThrownBy(() -> checkout.charge(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            assertThatThrownBy(() -> refunds.refund(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            breakers.forceClosed("payment-gateway");
            assertThat(refunds.refund(true)).isEqualTo("refunded");
        }

        @Test
        void aBreakerHeldOpenIsShownAndReportedAsHeldOpenNotAsOpenedByFailures() {
            List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
            Subscription subscription = breakers.subscribe(changes::add);
            breakers.holdOpen("payment-gateway");
            CircuitBreakerSnapshot held = snapshot("payment-gateway");
            breakers.forceClosed("payment-gateway");
            subscription.close();

            assertThat(held.state()).isEqualTo(BreakerState.HELD_OPEN);
            assertThat(held.timesOpened()).isEqualTo(1);
            assertThat(changes)
                    .containsExactly(
                            new BreakerStateChange(
                                    "payment-gateway", BreakerState.CLOSED, BreakerState.HELD_OPEN),
                            new BreakerStateChange(
                                    "payment-gateway",
                                    BreakerState.HELD_OPEN,
                                    BreakerState.CLOSED));
        }

        @Test
        void steeringAnUnknownBreakerNamesTheKnownOnes() {
            assertThatThrownBy(() -> breakers.forceOpen("paymnet-gateway"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no circuit breaker is named 'paymnet-gateway'")
                    .hasMessageContaining("payment-gateway")
                    .hasMessageContaining(CHECKOUT_PAY);
        }

        @Test
        void theBeanCanBeInjectedIntoApplicationBeans() {
            Operator operator = container.select(Operator.class).get();

            operator.stopPayments();

            assertThat(snapshot(CHECKOUT_PAY).state()).isEqualTo(BreakerState.OPEN);
        }
    }

    @Nested
    class Listening {

        @Test
        void aSubscriberIsToldOfEveryChangeOfEveryBreakerInOrder() {
            List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
            Subscription subscription = breakers.subscribe(changes::add);
            failing(() -> checkout.pay(false));
            failing(() -> checkout.pay(false));
            breakers.forceClosed(CHECKOUT_PAY);
            breakers.forceOpen("payment-gateway");
            subscription.close();

            assertThat(changes)
                    .containsExactly(
                            new BreakerStateChange(
                                    CHECKOUT_PAY, BreakerState.CLOSED, BreakerState.OPEN),
                            new BreakerStateChange(
                                    CHECKOUT_PAY, BreakerState.OPEN, BreakerState.CLOSED),
                            new BreakerStateChange(
                                    "payment-gateway", BreakerState.CLOSED, BreakerState.OPEN));
        }

        @Test
        void callsThatDoNotChangeTheStateAreNotReported() {
            List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
            Subscription subscription = breakers.subscribe(changes::add);
            checkout.pay(true);
            failing(() -> checkout.pay(false));
            checkout.pay(true);
            subscription.close();

            assertThat(changes).isEmpty();
        }

        @Test
        void aSubscriberToOneBreakerIsToldOfItsChangesOnly() {
            List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
            Subscription subscription = breakers.subscribe("payment-gateway", changes::add);
            breakers.forceOpen(CHECKOUT_PAY);
            breakers.forceOpen("payment-gateway");
            subscription.close();
            breakers.forceClosed("payment-gateway");

            assertThat(changes)
                    .containsExactly(
                            new BreakerStateChange(
                                    "payment-gateway", BreakerState.CLOSED, BreakerState.OPEN));
        }

        @Test
        void subscribingToAnUnknownBreakerNamesTheKnownOnes() {
            assertThatThrownBy(() -> breakers.subscribe("paymnet-gateway", change -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no circuit breaker is named 'paymnet-gateway'")
                    .hasMessageContaining("payment-gateway");
        }

        @Test
        void aClosedSubscriptionIsToldNothingMore() {
            List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
            Subscription subscription = breakers.subscribe(changes::add);
            subscription.close();
            subscription.close();

            breakers.forceOpen(CHECKOUT_PAY);

            assertThat(changes).isEmpty();
        }

        @Test
        void aFailingListenerDoesNotFailTheCallNorSilenceTheOtherListeners() {
            List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
            Subscription broken =
                    breakers.subscribe(
                            change -> {
                                throw new IllegalStateException("listener bug");
                            });
            Subscription recording = breakers.subscribe(changes::add);
            failing(() -> checkout.pay(false));
            failing(() -> checkout.pay(false));
            broken.close();
            recording.close();

            assertThat(changes)
                    .containsExactly(
                            new BreakerStateChange(
                                    CHECKOUT_PAY, BreakerState.CLOSED, BreakerState.OPEN));
        }
    }

    @Nested
    class Misuse {

        @Test
        void methodsSharingABreakerNameWithDifferentPoliciesFailTheDeployment() {
            assertThat(
                            definitionError(ConflictingFirst.class, ConflictingSecond.class)
                                    .getMessage())
                    .contains(
                            "@CircuitBreaker on "
                                    + ConflictingFirst.class.getName()
                                    + ".call() and on "
                                    + ConflictingSecond.class.getName()
                                    + ".call() share the breaker named 'shared'")
                    .contains("requestVolumeThreshold = 4 and 10")
                    .contains("delay = PT5S and PT10S")
                    .contains(
                            "allowed: the same delay, requestVolumeThreshold, failureRatio, successThreshold,"
                                    + " failOn and skipOn on every method of one breaker name");
        }

        @Test
        void aConfigOverrideThatMakesSharedPoliciesDifferFailsTheDeployment() {
            String key = ConflictingFirst.class.getName() + "/call/CircuitBreaker/failureRatio";
            assertThat(
                            definitionError(
                                            Map.of(key, "0.25"),
                                            Checkout.class,
                                            Refunds.class,
                                            ConflictingFirst.class,
                                            SameAsFirst.class)
                                    .getMessage())
                    .contains("share the breaker named 'shared'")
                    .contains("failureRatio = 0.25 and 0.5");
        }

        @Test
        void methodsSharingABreakerNameWithEqualPoliciesDeploy() {
            try (WeldContainer started =
                    Deployments.start(ConflictingFirst.class, SameAsFirst.class)) {
                assertThat(started.select(CircuitBreakers.class).get().list())
                        .singleElement()
                        .satisfies(shared -> assertThat(shared.methods()).hasSize(2));
            }
        }

        @Test
        void aBlankBreakerNameFailsTheDeployment() {
            assertThat(definitionError(BlankName.class).getMessage())
                    .contains(
                            "@BreakerName on "
                                    + BlankName.class.getName()
                                    + ".call(): value = ' ' is invalid")
                    .contains("allowed: a name that is not blank");
        }

        @Test
        void aBreakerNameOnAMethodWithoutCircuitBreakerFailsTheDeployment() {
            assertThat(definitionError(NameWithoutBreaker.class).getMessage())
                    .contains(
                            "@BreakerName on "
                                    + NameWithoutBreaker.class.getName()
                                    + ".call(): value = 'lonely'"
                                    + " names a breaker the method does not have")
                    .contains("allowed: @BreakerName only on a method with @CircuitBreaker");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @ApplicationScoped
    public static class Checkout {
        int payCalls;

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        public String pay(boolean works) {
            payCalls++;
            return outcome(works, "paid");
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerName("payment-gateway")
        public String charge(boolean works) {
            return outcome(works, "charged");
        }
    }

    @ApplicationScoped
    public static class Refunds {
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerName("payment-gateway")
        public String refund(boolean works) {
            return outcome(works, "refunded");
        }
    }

    @ApplicationScoped
    public static class Overloads {
        @CircuitBreaker
        public String send(String text) {
            return text;
        }

        @CircuitBreaker
        public String send(String text, int copies) {
            return text.repeat(copies);
        }
    }

    @ApplicationScoped
    public static class Operator {
        @Inject CircuitBreakers breakers;

        public void stopPayments() {
            breakers.forceOpen(CHECKOUT_PAY);
        }
    }

    static String outcome(boolean works, String result) {
        if (!works) {
            throw new UncheckedIOException(new IOException("down"));
        }
        return result;
    }

    @ApplicationScoped
    public static class ConflictingFirst {
        @CircuitBreaker(requestVolumeThreshold = 4, delay = 5, delayUnit = ChronoUnit.SECONDS)
        @BreakerName("shared")
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class ConflictingSecond {
        @CircuitBreaker(requestVolumeThreshold = 10, delay = 10, delayUnit = ChronoUnit.SECONDS)
        @BreakerName("shared")
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class SameAsFirst {
        @CircuitBreaker(requestVolumeThreshold = 4, delay = 5000)
        @BreakerName("shared")
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class BlankName {
        @CircuitBreaker
        @BreakerName(" ")
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class NameWithoutBreaker {
        @BreakerName("lonely")
        public String call() {
            return "";
        }
    }
}
