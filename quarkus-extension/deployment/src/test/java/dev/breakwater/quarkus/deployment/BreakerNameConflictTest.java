package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerName;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @BreakerName} is checked at build time with Weld's rules and messages: methods sharing a name must share
 * the policy, and a name needs a circuit breaker, also on a bean with no other fault tolerance annotation.
 */
class BreakerNameConflictTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Conflicting.class, Unguarded.class))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                assertThat(message)
                                        .contains("3 fault tolerance definition errors")
                                        .contains(
                                                "@CircuitBreaker on "
                                                        + Conflicting.class.getName()
                                                        + ".charge() and on "
                                                        + Conflicting.class.getName()
                                                        + ".refund() share the breaker named 'gateway' but"
                                                        + " differ: requestVolumeThreshold")
                                        .contains(
                                                "@BreakerName on "
                                                        + Conflicting.class.getName()
                                                        + ".retried(): value = 'retries'"
                                                        + " names a breaker the method does not have")
                                        .contains(
                                                "@BreakerName on "
                                                        + Unguarded.class.getName()
                                                        + ".plain(): value = 'plain'"
                                                        + " names a breaker the method does not have");
                            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    static class Conflicting {
        @CircuitBreaker(requestVolumeThreshold = 4)
        @BreakerName("gateway")
        void charge() {}

        @CircuitBreaker(requestVolumeThreshold = 8)
        @BreakerName("gateway")
        void refund() {}

        @Retry
        @BreakerName("retries")
        void retried() {}
    }

    @ApplicationScoped
    static class Unguarded {
        @BreakerName("plain")
        void plain() {}
    }
}
