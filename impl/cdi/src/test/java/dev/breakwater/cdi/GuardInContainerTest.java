package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * A {@code Guard} built while a Weld container runs uses that container: its named breaker joins the container's
 * {@link CircuitBreakers}, its offloaded actions run on the container's threads, and
 * {@code MP_Fault_Tolerance_NonFallback_Enabled=false} leaves it only its fallback.
 */
class GuardInContainerTest {

    @Test
    void aNamedBreakerJoinsTheContainersCircuitBreakers() {
        try (WeldContainer container = Deployments.start(Map.of(), Plain.class)) {
            Guard guard =
                    Guard.create()
                            .withDescription("payments client")
                            .withCircuitBreaker()
                            .name("payments")
                            .requestVolumeThreshold(1)
                            .delay(1, ChronoUnit.HOURS)
                            .done()
                            .build();
            CircuitBreakers breakers = container.select(CircuitBreakers.class).get();
            assertThatThrownBy(
                            () ->
                                    guard.get(
                                            () -> {
                                                throw new IllegalStateException("down");
                                            },
                                            String.class))
                    .isExactlyInstanceOf(IllegalStateException.class);

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

            CompletionStage<String> ranOn =
                    guard.call(
                            () ->
                                    CompletableFuture.completedFuture(
                                            Thread.currentThread().getName()),
                            new TypeLiteral<CompletionStage<String>>() {});

            assertThat(ranOn.toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .startsWith("breakwater-cdi-async-");
        }
    }

    @Test
    void withNonFallbackPoliciesSwitchedOffOnlyTheFallbackApplies() {
        try (WeldContainer container =
                Deployments.start(
                        Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false"), Plain.class)) {
            AtomicInteger calls = new AtomicInteger();
            TypedGuard<String> guard =
                    TypedGuard.create(String.class)
                            .withRetry()
                            .maxRetries(5)
                            .done()
                            .withFallback()
                            .handler(() -> "fallback")
                            .done()
                            .build();

            String result =
                    guard.get(
                            () -> {
                                calls.incrementAndGet();
                                throw new IllegalStateException("down");
                            });

            assertThat(result).isEqualTo("fallback");
            assertThat(calls).hasValue(1);
        }
    }

    /** Weld SE boots only with some bean. */
    @Dependent
    static class Plain {}
}
