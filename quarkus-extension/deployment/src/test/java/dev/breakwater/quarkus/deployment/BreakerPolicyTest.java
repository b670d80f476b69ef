package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerPolicy;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Breakwater's {@code @BreakerPolicy} on Quarkus: the build finds it beside the {@code @CircuitBreaker} and its
 * members, overridden by a {@code quarkus.fault-tolerance} key, reach the breaker.
 */
class BreakerPolicyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Gateway.class))
                    .overrideConfigKey(
                            "quarkus.fault-tolerance.\""
                                    + Gateway.class.getName()
                                    + "/fail\".breaker-policy"
                                    + ".minimum-calls",
                            "3");

    @Inject CircuitBreakers breakers;

    @Inject Gateway gateway;

    @ApplicationScoped
    public static class Gateway {
        /** Every call through the interceptor takes longer than a nanosecond, so every call is slow. */
        @CircuitBreaker(requestVolumeThreshold = 2, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerPolicy(slowCall = 1, slowCallUnit = ChronoUnit.NANOS)
        @BreakerName("slow")
        public String slow() {
            return "ok";
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerPolicy(window = 60)
        @BreakerName("windowed")
        public void fail() {
            throw new IllegalStateException("down");
        }
    }

    @Test
    void slowSuccessesOpenTheBreaker() {
        gateway.slow();
        gateway.slow();

        assertThat(breakers.state("slow")).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void theTimeBasedWindowWaitsForTheMinimumNumberOfCallsTheConfigKeySets() {
        assertThatThrownBy(gateway::fail).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(gateway::fail).isInstanceOf(IllegalStateException.class);
        assertThat(breakers.state("windowed"))
                .as("two calls, three needed")
                .isEqualTo(BreakerState.CLOSED);

        assertThatThrownBy(gateway::fail).isInstanceOf(IllegalStateException.class);
        assertThat(breakers.state("windowed")).isEqualTo(BreakerState.OPEN);
    }
}
