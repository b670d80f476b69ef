package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subclass bean that inherits a {@code @CircuitBreakerName} method is no duplicate of it and shares its breaker;
 * one that overrides it has a breaker of its own, unnamed. The maintenance bean is there for a programmatic lookup
 * (how {@code CircuitBreakerMaintenance.get()} finds it) though nothing injects it.
 */
class CircuitBreakerNameInheritanceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            Greeter.class,
                                            InheritingGreeter.class,
                                            OverridingGreeter.class));

    @Inject CircuitBreakers breakers;

    @Test
    void theInheritingBeanSharesTheNamedBreakerAndTheOverridingOneHasItsOwn() {
        assertThat(breakers.find("hello").orElseThrow().methods())
                .containsExactly(
                        Greeter.class.getName() + ".hello()",
                        InheritingGreeter.class.getName()
                                + ".hello() declared in "
                                + Greeter.class.getName());
        assertThat(breakers.find(OverridingGreeter.class.getName() + "#hello")).isPresent();
    }

    @Test
    void theMaintenanceBeanIsFoundByAProgrammaticLookup() {
        CircuitBreakerMaintenance maintenance =
                CDI.current().select(CircuitBreakerMaintenance.class).get();

        assertThat(maintenance.currentState("hello")).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Singleton
    static class Greeter {
        @CircuitBreaker
        @CircuitBreakerName("hello")
        public String hello() {
            return "greeter";
        }
    }

    @Singleton
    static class InheritingGreeter extends Greeter {}

    @Singleton
    @CircuitBreaker
    static class OverridingGreeter extends Greeter {
        @Override
        public String hello() {
            return "overriding";
        }
    }
}
