package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerPolicy;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * {@link BreakerPolicy} beside a {@code @CircuitBreaker} on a real container: slow calls and a time-based window
 * with its minimum number of calls take effect, config keys in the spec's grammar override its members, and a bad
 * value or a {@code @BreakerPolicy} without a breaker fails the deployment naming class, method, member, value and
 * where it came from.
 */
@org.junit.jupiter.api.Timeout(60)
class BreakerPolicyAnnotationTest {

    @ApplicationScoped
    public static class Slow {
        /** Every call through the interceptor takes longer than a nanosecond, so every call is slow. */
        @CircuitBreaker(requestVolumeThreshold = 2, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerPolicy(slowCall = 1, slowCallUnit = ChronoUnit.NANOS)
        @BreakerName("slow")
        public String call() {
            return "ok";
        }
    }

    @ApplicationScoped
    public static class Windowed {
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerPolicy(window = 60, minimumCalls = 3)
        @BreakerName("windowed")
        public void fail() {
            throw new UncheckedIOException(new IOException("down"));
        }
    }

    @ApplicationScoped
    public static class Unpolicied {
        @CircuitBreaker(requestVolumeThreshold = 2, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerName("spec")
        public String call() {
            return "ok";
        }
    }

    @ApplicationScoped
    public static class WithoutBreaker {
        @BreakerPolicy(window = 10)
        public void call() {}
    }

    @ApplicationScoped
    public static class BadValues {
        @CircuitBreaker
        @BreakerPolicy(window = 1500, windowUnit = ChronoUnit.MILLIS, slowCallRatio = 0)
        public void call() {}
    }

    @ApplicationScoped
    public static class MinimumWithoutWindow {
        @CircuitBreaker
        @BreakerPolicy(minimumCalls = 5)
        public void call() {}
    }

    private static int failuresUntilOpen(Map<String, String> config) {
        try (WeldContainer container = Deployments.start(config, Windowed.class)) {
            CircuitBreakers breakers = container.select(CircuitBreakers.class).get();
            Windowed windowed = container.select(Windowed.class).get();
            int failures = 0;
            while (breakers.state("windowed") == BreakerState.CLOSED && failures < 10) {
                assertThatThrownBy(windowed::fail).isInstanceOf(UncheckedIOException.class);
                failures++;
            }
            return failures;
        }
    }

    @Test
    void slowSuccessesOpenABreakerWhoseSpecWindowOfSuccessesWouldStayClosed() {
        try (WeldContainer container = Deployments.start(Slow.class, Unpolicied.class)) {
            CircuitBreakers breakers = container.select(CircuitBreakers.class).get();
            Slow slow = container.select(Slow.class).get();
            Unpolicied spec = container.select(Unpolicied.class).get();
            for (int i = 0; i < 2; i++) {
                assertThat(slow.call()).isEqualTo("ok");
                assertThat(spec.call()).isEqualTo("ok");
            }

            assertThat(breakers.state("slow")).isEqualTo(BreakerState.OPEN);
            assertThat(breakers.state("spec")).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void aTimeBasedWindowWaitsForItsMinimumNumberOfCalls() {
        assertThat(failuresUntilOpen(Map.of())).isEqualTo(3);
    }

    @Test
    void configKeysInTheSpecsGrammarOverrideTheMembers() {
        String method = Windowed.class.getName() + "/fail/BreakerPolicy/";
        assertThat(failuresUntilOpen(Map.of(method + "minimumCalls", "5"))).isEqualTo(5);
        assertThat(failuresUntilOpen(Map.of(method + "window", "0", method + "minimumCalls", "0")))
                .as("the spec's count-based window of requestVolumeThreshold calls")
                .isEqualTo(2);
    }

    @Test
    void aBreakerPolicyWithoutACircuitBreakerFailsTheDeployment() {
        assertThat(Deployments.definitionError(WithoutBreaker.class))
                .hasMessageContaining(
                        "@BreakerPolicy on "
                                + WithoutBreaker.class.getName()
                                + ".call(): the method has no @CircuitBreaker;"
                                + " allowed: @BreakerPolicy only where @CircuitBreaker applies");
    }

    @Test
    void everyBadMemberIsReportedWithItsValueAndWhereItCameFrom() {
        String site = "@BreakerPolicy on " + BadValues.class.getName() + ".call(): ";
        assertThat(Deployments.definitionError(BadValues.class))
                .hasMessageContaining(
                        site
                                + "window = 1500 (annotation) with windowUnit = MILLIS (annotation) is"
                                + " invalid; allowed: 0 (the spec's count-based window) or whole seconds from 1 s to 3600 s")
                .hasMessageContaining(
                        site
                                + "slowCallRatio = 0.0 (annotation) is invalid; allowed: more than 0,"
                                + " up to 1");
    }

    @Test
    void aBadValueFromAConfigKeyNamesTheKey() {
        String key = BadValues.class.getName() + "/call/BreakerPolicy/slowCallRatio";
        assertThat(
                        Deployments.definitionError(
                                Map.of(
                                        key,
                                        "1.5",
                                        BadValues.class.getName() + "/call/BreakerPolicy/window",
                                        "2"),
                                BadValues.class))
                .hasMessageContaining(
                        "slowCallRatio = 1.5 (config key "
                                + key
                                + ") is invalid; allowed: more than 0,"
                                + " up to 1");
    }

    @Test
    void aMinimumNumberOfCallsNeedsATimeBasedWindow() {
        assertThat(Deployments.definitionError(MinimumWithoutWindow.class))
                .hasMessageContaining(
                        "@BreakerPolicy on "
                                + MinimumWithoutWindow.class.getName()
                                + ".call(): minimumCalls = 5 (annotation)"
                                + " is invalid; allowed: 0 without a time-based window");
    }
}
