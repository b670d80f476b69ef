package dev.breakwater.cdi;

import static dev.breakwater.cdi.BreakerControlTest.outcome;
import static dev.breakwater.cdi.Deployments.definitionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InterceptionFactory;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SmallRye's {@link CircuitBreakerMaintenance} and {@link CircuitBreakerName} on Weld, as SmallRye documents them, on
 * the breakers and events of Breakwater's own {@link CircuitBreakers}: one control plane.
 */
@org.junit.jupiter.api.Timeout(60)
class CircuitBreakerMaintenanceTest {

    private WeldContainer container;
    private CircuitBreakerMaintenance maintenance;
    private CircuitBreakers breakers;
    private Greeter greeter;

    @BeforeEach
    void start() {
        container = Deployments.start(Greeter.class, Probe.class, Unnamed.class, Operator.class);
        maintenance = container.select(CircuitBreakerMaintenance.class).get();
        breakers = container.select(CircuitBreakers.class).get();
        greeter = container.select(Greeter.class).get();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private static void failing(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(UncheckedIOException.class);
    }

    private void openHello() {
        failing(() -> greeter.hello(false));
        failing(() -> greeter.hello(false));
    }

    @Nested
    class Maintenance {

        @Test
        void isInjectedIntoApplicationBeans() {
            Operator operator = container.select(Operator.class).get();
            openHello();

            assertThat(operator.helloState()).isEqualTo(CircuitBreakerState.OPEN);
        }

        @Test
        void currentStateFollowsTheCallsThroughClosedOpenAndHalfOpen() {
            assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.CLOSED);

            openHello();
            assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.OPEN);

            Probe probe = container.select(Probe.class).get();
            failing(() -> probe.probe(false));
            failing(() -> probe.probe(false)); // delay 0: open, and half-open at the next look
            assertThat(maintenance.currentState("probe")).isEqualTo(CircuitBreakerState.HALF_OPEN);
            probe.probe(true);
            assertThat(maintenance.currentState("probe")).isEqualTo(CircuitBreakerState.CLOSED);
        }

        @Test
        void resetClosesTheNamedBreakerAndLetsCallsThrough() {
            openHello();

            maintenance.reset("hello");

            assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.CLOSED);
            assertThat(greeter.hello(true)).isEqualTo("hello");
        }

        @Test
        void resetAllClosesNamedAndUnnamedBreakers() {
            Unnamed unnamed = container.select(Unnamed.class).get();
            openHello();
            failing(() -> unnamed.call(false));
            failing(() -> unnamed.call(false));

            maintenance.resetAll();

            assertThat(breakers.list())
                    .extracting(CircuitBreakerSnapshot::state)
                    .containsOnly(BreakerState.CLOSED);
            assertThat(greeter.hello(true)).isEqualTo("hello");
            assertThat(unnamed.call(true)).isEqualTo("called");
        }

        @Test
        void anUnknownNameIsAnIllegalArgumentNamingTheKnownBreakers() {
            assertThatThrownBy(() -> maintenance.currentState("helo"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no circuit breaker is named 'helo'")
                    .hasMessageContaining("hello");
            assertThatThrownBy(() -> maintenance.reset("helo"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> maintenance.onStateChange("helo", state -> {}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class StateChanges {

        @Test
        void aCallbackRegisteredBeforeAnyCallIsToldEachNewStateOfItsBreakerOnly() {
            List<CircuitBreakerState> states = new CopyOnWriteArrayList<>();
            maintenance.onStateChange("probe", states::add);
            Probe probe = container.select(Probe.class).get();

            openHello();
            failing(() -> probe.probe(false));
            failing(() -> probe.probe(false));
            probe.probe(true);

            assertThat(states)
                    .containsExactly(
                            CircuitBreakerState.OPEN,
                            CircuitBreakerState.HALF_OPEN,
                            CircuitBreakerState.CLOSED);
        }

        @Test
        void aResetOfAnOpenBreakerIsReportedAsClosed() {
            List<CircuitBreakerState> states = new CopyOnWriteArrayList<>();
            maintenance.onStateChange("hello", states::add);
            openHello();

            maintenance.reset("hello");
            maintenance.reset("hello"); // already closed: no change

            assertThat(states)
                    .containsExactly(CircuitBreakerState.OPEN, CircuitBreakerState.CLOSED);
        }

        @Test
        void aBreakerHeldOpenIsOpenAndHoldingAnOpenBreakerIsNoChange() {
            List<CircuitBreakerState> states = new CopyOnWriteArrayList<>();
            maintenance.onStateChange("hello", states::add);

            breakers.holdOpen("hello");
            assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.OPEN);
            breakers.forceOpen("hello");
            breakers.holdOpen("hello");
            breakers.forceClosed("hello");

            assertThat(states)
                    .containsExactly(CircuitBreakerState.OPEN, CircuitBreakerState.CLOSED);
        }
    }

    @Nested
    class OneControlPlane {

        @Test
        void aCircuitBreakerNameNamesTheBreakerThatCircuitBreakersLists() {
            assertThat(breakers.find("hello"))
                    .hasValueSatisfying(
                            hello ->
                                    assertThat(hello.methods())
                                            .containsExactly(
                                                    Greeter.class.getName() + ".hello(boolean)"));
        }

        @Test
        void whatCircuitBreakersDoesMaintenanceSeesAndTheOtherWayRound() {
            breakers.forceOpen("hello");
            assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.OPEN);
            assertThatThrownBy(() -> greeter.hello(true))
                    .isInstanceOf(CircuitBreakerOpenException.class);

            maintenance.reset("hello");
            assertThat(breakers.state("hello")).isEqualTo(BreakerState.CLOSED);
            assertThat(breakers.find("hello").orElseThrow().rejected())
                    .as("counts reset too")
                    .isZero();
        }

        @Test
        void callbacksAndSubscribersAreToldOfTheSameChanges() {
            List<CircuitBreakerState> callback = new CopyOnWriteArrayList<>();
            List<BreakerState> subscriber = new CopyOnWriteArrayList<>();
            maintenance.onStateChange("hello", callback::add);
            breakers.subscribe("hello", change -> subscriber.add(change.to()));

            openHello();
            maintenance.reset("hello");

            assertThat(callback)
                    .containsExactly(CircuitBreakerState.OPEN, CircuitBreakerState.CLOSED);
            assertThat(subscriber).containsExactly(BreakerState.OPEN, BreakerState.CLOSED);
        }
    }

    @Nested
    class Naming {

        @Test
        void oneNameOnTwoMethodsFailsTheDeployment() {
            assertThat(definitionError(Greeter.class, SecondHello.class).getMessage())
                    .contains(
                            "@CircuitBreakerName on "
                                    + Greeter.class.getName()
                                    + ".hello(boolean): value = 'hello'"
                                    + " is also the breaker name of "
                                    + SecondHello.class.getName()
                                    + ".hello()")
                    .contains("allowed: a @CircuitBreakerName on one method only")
                    .doesNotContain("share the breaker named");
        }

        @Test
        void aBreakerNameOfAnotherMethodMayNotTakeTheNameEither() {
            assertThat(definitionError(Greeter.class, BreakerNamedHello.class).getMessage())
                    .contains(
                            "@CircuitBreakerName on "
                                    + Greeter.class.getName()
                                    + ".hello(boolean): value = 'hello'"
                                    + " is also the breaker name of "
                                    + BreakerNamedHello.class.getName()
                                    + ".call()");
        }

        @Test
        void anInheritedMethodIsNoDuplicateAndSharesTheBreaker() {
            try (WeldContainer started =
                    Deployments.start(Greeter.class, InheritingGreeter.class)) {
                CircuitBreakerSnapshot hello =
                        started.select(CircuitBreakers.class).get().find("hello").orElseThrow();
                assertThat(hello.methods())
                        .containsExactly(
                                Greeter.class.getName() + ".hello(boolean)",
                                InheritingGreeter.class.getName()
                                        + ".hello(boolean) declared in "
                                        + Greeter.class.getName());
            }
        }

        @Test
        void anOverridingMethodDoesNotInheritTheName() {
            try (WeldContainer started =
                    Deployments.start(Greeter.class, OverridingGreeter.class)) {
                CircuitBreakers all = started.select(CircuitBreakers.class).get();
                assertThat(all.find("hello").orElseThrow().methods())
                        .containsExactly(Greeter.class.getName() + ".hello(boolean)");
                assertThat(all.find(OverridingGreeter.class.getName() + "#hello")).isPresent();
            }
        }

        @Test
        void aClassAssembledOnItsFirstCallMayNotTakeANameEither() {
            try (WeldContainer started = Deployments.start(Greeter.class, HelloProducer.class)) {
                ProducedHello produced = started.select(ProducedHello.class).get();

                assertThatThrownBy(produced::hello)
                        .isInstanceOf(FaultToleranceDefinitionException.class)
                        .hasMessageContaining(
                                "@CircuitBreakerName on "
                                        + Greeter.class.getName()
                                        + ".hello(boolean):"
                                        + " value = 'hello' is also the breaker name of "
                                        + ProducedHello.class.getName()
                                        + ".hello()");
                assertThat(
                                started.select(CircuitBreakers.class)
                                        .get()
                                        .find("hello")
                                        .orElseThrow()
                                        .methods())
                        .containsExactly(Greeter.class.getName() + ".hello(boolean)");
            }
        }

        @Test
        void aBreakerSwitchedOffByConfigHasNoNameToLookUp() {
            String off = Greeter.class.getName() + "/hello/CircuitBreaker/enabled";
            try (WeldContainer started = Deployments.start(Map.of(off, "false"), Greeter.class)) {
                assertThat(started.select(Greeter.class).get().hello(true)).isEqualTo("hello");
                assertThatThrownBy(
                                () ->
                                        started.select(CircuitBreakerMaintenance.class)
                                                .get()
                                                .currentState("hello"))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void bothNamesOnOneMethodMustAgree() {
            try (WeldContainer started = Deployments.start(BothNamesAgreeing.class)) {
                assertThat(
                                started.select(CircuitBreakerMaintenance.class)
                                        .get()
                                        .currentState("same"))
                        .isEqualTo(CircuitBreakerState.CLOSED);
            }
            assertThat(definitionError(BothNamesDiffering.class).getMessage())
                    .contains(
                            "@CircuitBreakerName on "
                                    + BothNamesDiffering.class.getName()
                                    + ".call(): value ="
                                    + " 'theirs' differs from the method's @BreakerName value = 'ours'")
                    .contains(
                            "allowed: one name per breaker: @BreakerName or @CircuitBreakerName, or both with the"
                                    + " same value");
        }

        @Test
        void aBlankNameAndANameWithoutCircuitBreakerAreReportedTogether() {
            assertThat(definitionError(BlankName.class, NameWithoutBreaker.class).getMessage())
                    .contains(
                            "@CircuitBreakerName on "
                                    + BlankName.class.getName()
                                    + ".call(): value = ' ' is"
                                    + " invalid; allowed: a name that is not blank")
                    .contains(
                            "@CircuitBreakerName on "
                                    + NameWithoutBreaker.class.getName()
                                    + ".call(): value ="
                                    + " 'lonely' names a breaker the method does not have; allowed: @CircuitBreakerName only"
                                    + " on a method with @CircuitBreaker");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @ApplicationScoped
    public static class Greeter {
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @CircuitBreakerName("hello")
        public String hello(boolean works) {
            return outcome(works, "hello");
        }
    }

    @ApplicationScoped
    public static class InheritingGreeter extends Greeter {}

    @ApplicationScoped
    @CircuitBreaker
    public static class OverridingGreeter extends Greeter {
        @Override
        public String hello(boolean works) {
            return outcome(works, "overridden");
        }
    }

    @ApplicationScoped
    public static class Probe {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 0)
        @CircuitBreakerName("probe")
        public String probe(boolean works) {
            return outcome(works, "probed");
        }
    }

    @ApplicationScoped
    public static class Unnamed {
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        public String call(boolean works) {
            return outcome(works, "called");
        }
    }

    @ApplicationScoped
    public static class Operator {
        @Inject CircuitBreakerMaintenance maintenance;

        CircuitBreakerState helloState() {
            return maintenance.currentState("hello");
        }
    }

    @ApplicationScoped
    public static class SecondHello {
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @CircuitBreakerName("hello")
        public String hello() {
            return "";
        }
    }

    @ApplicationScoped
    public static class BreakerNamedHello {
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerName("hello")
        public String call() {
            return "";
        }
    }

    /** Not a bean: guarded through {@code InterceptionFactory}, assembled on its first call. */
    public static class ProducedHello {
        @CircuitBreaker
        @CircuitBreakerName("hello")
        public String hello() {
            return "produced";
        }
    }

    @Dependent
    public static class HelloProducer {
        @Produces
        ProducedHello produced(InterceptionFactory<ProducedHello> factory) {
            return factory.createInterceptedInstance(new ProducedHello());
        }
    }

    @ApplicationScoped
    public static class BothNamesAgreeing {
        @CircuitBreaker
        @BreakerName("same")
        @CircuitBreakerName("same")
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class BothNamesDiffering {
        @CircuitBreaker
        @BreakerName("ours")
        @CircuitBreakerName("theirs")
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class BlankName {
        @CircuitBreaker
        @CircuitBreakerName(" ")
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class NameWithoutBreaker {
        @CircuitBreakerName("lonely")
        public String call() {
            return "";
        }
    }
}
