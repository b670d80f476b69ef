package dev.breakwater.cdi;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@code Guard} built while a Weld container runs uses that container: its named breaker joins the container's
 * {@link CircuitBreakers}, its offloaded actions run on the container's threads, and
 * {@code MP_Fault_Tolerance_NonFallback_Enabled=false} leaves it only its fallback.
 */
class GuardInContainerTest {

    @Test
    void aNamedBreakerJoinsTheContainersCircuitBreakers() {
        try (WeldContainer container = Deployments.start(Map.of(), Plain.class)) {
            Guard guard = Guard.create().withDescription("payments client")
                    .withCircuitBreaker().name("payments").requestVolumeThreshold(1).delay(1, ChronoUnit.HOURS).done()
                    .build();
            CircuitBreakers breakers = container.select(CircuitBreakers.class).get();
            assertThatThrownBy(() -> guard.get(() -> {
                throw new IllegalStateException("down");
            }, String.class)).isExactlyInstanceOf(IllegalStateException.class);

            CircuitBreakerSnapshot snapshot = breakers.find("payments").orElseThrow();

            assertThat(snapshot.state()).isEqualTo(BreakerState.OPEN);
            assertThat(snapshot.methods()).containsExactly("Guard 'payments client'");
            assertThatThrownBy(() -> guard.get(() -> "refused", String.class))
                    .isExactlyInstanceOf(CircuitBreakerOpenException.class);
            breakers.reset("payments");
            assertThat(guard.get(() -> "flows again", String.class)).isEqualTo("flows again");
        }
    }

    @Test
    void anOffloadedActionRunsOnTheContainersThreads() throws Exception {
        try (WeldContainer container = Deployments.start(Map.of(), Plain.class)) {
            Guard guard = Guard.create().withThreadOffload(true).build();

            CompletionStage<String> ranOn = guard.call(
                    () -> CompletableFuture.completedFuture(Thread.currentThread().getName()),
                    new TypeLiteral<CompletionStage<String>>() { });

            assertThat(ranOn.toCompletableFuture().get(10, TimeUnit.SECONDS)).startsWith("breakwater-cdi-async-");
        }
    }

    @Test
    void withNonFallbackPoliciesSwitchedOffOnlyTheFallbackApplies() {
        try (WeldContainer container = Deployments.start(Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false"),
                Plain.class)) {
            AtomicInteger calls = new AtomicInteger();
            TypedGuard<String> guard = TypedGuard.create(String.class)
                    .withRetry().maxRetries(5).done()
                    .withFallback().handler(() -> "fallback").done()
                    .build();

            String result = guard.get(() -> {
                calls.incrementAndGet();
                throw new IllegalStateException("down");
            });

            assertThat(result).isEqualTo("fallback");
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void applyGuardAndApplyFaultToleranceAreDefinitionErrorsForNow() {
        FaultToleranceDefinitionException error = Deployments.definitionError(Applied.class);

        assertThat(error.getMessage()).contains("2 fault tolerance definition errors",
                "@ApplyGuard(\"payments\") on " + Applied.class.getName() + ".charge(): not supported by Breakwater"
                        + " yet; allowed: call the Guard or TypedGuard bean @Identifier(\"payments\") in the method's"
                        + " body",
                "@ApplyFaultTolerance(\"legacy\") on " + Applied.class.getName() + " (the class): SmallRye's"
                        + " deprecated FaultTolerance API is not supported by Breakwater; allowed: a Guard or"
                        + " TypedGuard");
    }

    @ApplicationScoped
    @SuppressWarnings("removal")
    @ApplyFaultTolerance("legacy")
    static class Applied {
        @ApplyGuard("payments")
        String charge() {
            return "charged";
        }
    }

    /** Weld SE boots only with some bean. */
    @Dependent
    static class Plain {
    }
}
