package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerName;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @CircuitBreakerName} is checked at build time with Weld's rules and messages, every error reported at once:
 * one name on two methods, a blank name, a name that contradicts the method's {@code @BreakerName}, and a name on a
 * method without a circuit breaker (also on a bean with no other fault tolerance annotation).
 */
class CircuitBreakerNameMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(First.class, Second.class, Unguarded.class))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                assertThat(message)
                                        .contains("4 fault tolerance definition errors")
                                        .contains(
                                                "@CircuitBreakerName on "
                                                        + First.class.getName()
                                                        + ".hello(): value = 'hello' is"
                                                        + " also the breaker name of "
                                                        + Second.class.getName()
                                                        + ".hello(); allowed: a"
                                                        + " @CircuitBreakerName on one method only")
                                        .contains(
                                                "@CircuitBreakerName on "
                                                        + Second.class.getName()
                                                        + ".blank(): value = '' is"
                                                        + " invalid; allowed: a name that is not blank")
                                        .contains(
                                                "@CircuitBreakerName on "
                                                        + Second.class.getName()
                                                        + ".contradicting(): value ="
                                                        + " 'theirs' differs from the method's @BreakerName value = 'ours'")
                                        .contains(
                                                "@CircuitBreakerName on "
                                                        + Unguarded.class.getName()
                                                        + ".plain(): value = 'plain'"
                                                        + " names a breaker the method does not have");
                            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    static class First {
        @CircuitBreaker
        @CircuitBreakerName("hello")
        void hello() {}
    }

    @ApplicationScoped
    static class Second {
        @CircuitBreaker
        @CircuitBreakerName("hello")
        void hello() {}

        @CircuitBreaker
        @CircuitBreakerName("")
        void blank() {}

        @CircuitBreaker
        @BreakerName("ours")
        @CircuitBreakerName("theirs")
        void contradicting() {}
    }

    @ApplicationScoped
    static class Unguarded {
        @CircuitBreakerName("plain")
        void plain() {}
    }
}
