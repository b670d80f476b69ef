package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SmallRye's {@link CircuitBreakerMaintenance} and {@link CircuitBreakerName} on Quarkus, on the breakers and events of
 * Breakwater's {@link CircuitBreakers}: what one changes the other shows, and readiness reports the name.
 */
class CircuitBreakerMaintenanceTest {

    static final String CHECK = "checks.find { it.name == 'circuit breakers' }";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest().withApplicationRoot(archive -> archive.addClasses(Greeter.class));

    @Inject CircuitBreakerMaintenance maintenance;

    @Inject CircuitBreakers breakers;

    @Inject Greeter greeter;

    @BeforeEach
    void closeEveryBreaker() {
        // One application serves every test of the class: each starts from breakers as at
        // deployment.
        maintenance.resetAll();
    }

    private void failTwice(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void currentStateFollowsTheCallsThroughClosedOpenAndHalfOpen() {
        assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.CLOSED);
        failTwice(() -> greeter.hello(false));
        assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.OPEN);
        assertThatThrownBy(() -> greeter.hello(true))
                .isInstanceOf(CircuitBreakerOpenException.class);

        failTwice(() -> greeter.probe(false)); // delay 0: open, and half-open at the next look
        assertThat(maintenance.currentState("probe")).isEqualTo(CircuitBreakerState.HALF_OPEN);
        greeter.probe(true);
        assertThat(maintenance.currentState("probe")).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void resetAndResetAllCloseTheBreakers() {
        failTwice(() -> greeter.hello(false));
        failTwice(() -> greeter.unnamed(false));

        maintenance.reset("hello");
        assertThat(greeter.hello(true)).isEqualTo("hello");
        assertThatThrownBy(() -> greeter.unnamed(true))
                .isInstanceOf(CircuitBreakerOpenException.class);

        maintenance.resetAll();
        assertThat(greeter.unnamed(true)).isEqualTo("unnamed");
    }

    @Test
    void callbacksAreToldEachNewStateAsSubscribersAreToldEachChange() {
        List<CircuitBreakerState> callback = new CopyOnWriteArrayList<>();
        List<BreakerState> subscriber = new CopyOnWriteArrayList<>();
        maintenance.onStateChange("hello", callback::add);
        var subscription = breakers.subscribe("hello", change -> subscriber.add(change.to()));

        failTwice(() -> greeter.hello(false));
        breakers.holdOpen("hello"); // still open for SmallRye: no callback
        maintenance.reset("hello");
        subscription.close();

        assertThat(callback).containsExactly(CircuitBreakerState.OPEN, CircuitBreakerState.CLOSED);
        assertThat(subscriber)
                .containsExactly(BreakerState.OPEN, BreakerState.HELD_OPEN, BreakerState.CLOSED);
    }

    @Test
    void anUnknownNameIsAnIllegalArgument() {
        assertThatThrownBy(() -> maintenance.currentState("helo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no circuit breaker is named 'helo'");
        assertThatThrownBy(() -> maintenance.onStateChange("helo", state -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readinessReportsTheBreakerUnderItsCircuitBreakerName() {
        breakers.forceOpen("hello");

        assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.OPEN);
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(CHECK + ".data.'hello'", equalTo("OPEN"))
                .body(
                        CHECK + ".data.'hello methods'",
                        equalTo(Greeter.class.getName() + ".hello(boolean)"));
    }

    @ApplicationScoped
    static class Greeter {
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @CircuitBreakerName("hello")
        String hello(boolean works) {
            return outcome(works, "hello");
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 0)
        @CircuitBreakerName("probe")
        String probe(boolean works) {
            return outcome(works, "probed");
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        String unnamed(boolean works) {
            return outcome(works, "unnamed");
        }

        private static String outcome(boolean works, String result) {
            if (!works) {
                throw new IllegalStateException("down");
            }
            return result;
        }
    }
}
