package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * A {@code Guard} or {@code TypedGuard} bean is configured by its {@code @Identifier}, with the keys SmallRye reads
 * ({@code quarkus.fault-tolerance."<identifier>".<strategy>.<member>}, {@code smallrye.faulttolerance."..."},
 * {@code <identifier>/<Annotation>/<member>}, the global keys), checked as annotation values are, and keys naming
 * a guard identifier pass the typo check while misspelt ones do not.
 */
class GuardIdentifierConfigTest {

    @Test
    void aKeyOfTheIdentifierChangesTheRetriesOfTheGuardThatApplyGuardApplies() {
        try (WeldContainer container =
                Deployments.start(
                        Map.of("quarkus.fault-tolerance.\"orders\".retry.max-retries", "4"),
                        Guards.class,
                        Orders.class)) {
            Orders orders = container.select(Orders.class).get();

            assertThatThrownBy(orders::place).isInstanceOf(IOException.class);
            assertThat(orders.attempts()).isEqualTo(5);
        }
    }

    @Test
    void theConfigAlsoAppliesWhenTheGuardBeanIsUsedProgrammatically() throws Exception {
        try (WeldContainer container =
                Deployments.start(
                        Map.of("smallrye.faulttolerance.\"orders\".retry.max-retries", "0"),
                        Guards.class)) {
            Guard guard = container.select(Guard.class, Identifier.Literal.of("orders")).get();
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(
                            () ->
                                    guard.call(
                                            () -> {
                                                attempts.incrementAndGet();
                                                throw new IOException("down");
                                            },
                                            String.class))
                    .isInstanceOf(IOException.class);
            assertThat(attempts.get()).isEqualTo(1);
        }
    }

    @Test
    void circuitBreakerRateLimitAndTheSpecGrammarConfigureATypedGuard() throws Exception {
        try (WeldContainer container =
                Deployments.start(
                        Map.of(
                                "quarkus.fault-tolerance.\"stock\".circuit-breaker.request-volume-threshold",
                                        "2",
                                "quarkus.fault-tolerance.\"stock\".circuit-breaker.failure-ratio",
                                        "1",
                                "stock/RateLimit/value", "3"),
                        Guards.class)) {
            TypedGuard<String> stock =
                    container.select(Guards.STOCK, Identifier.Literal.of("stock")).get();

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(
                                () ->
                                        stock.call(
                                                () -> {
                                                    throw new IOException("down");
                                                }))
                        .isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> stock.call(() -> "never"))
                    .isInstanceOf(CircuitBreakerOpenException.class);
        }
        try (WeldContainer container =
                Deployments.start(Map.of("stock/RateLimit/value", "1"), Guards.class)) {
            TypedGuard<String> stock =
                    container.select(Guards.STOCK, Identifier.Literal.of("stock")).get();

            assertThat(stock.call(() -> "first")).isEqualTo("first");
            assertThatThrownBy(() -> stock.call(() -> "second"))
                    .isInstanceOf(RateLimitException.class);
        }
    }

    @Test
    void anEnabledKeySwitchesTheStrategyOffAndAGlobalKeyAppliesToIdentifiedGuards() {
        try (WeldContainer container =
                Deployments.start(
                        Map.of("quarkus.fault-tolerance.\"orders\".retry.enabled", "false"),
                        Guards.class,
                        Orders.class)) {
            Orders orders = container.select(Orders.class).get();

            assertThatThrownBy(orders::place).isInstanceOf(IOException.class);
            assertThat(orders.attempts()).isEqualTo(1);
        }
        try (WeldContainer container =
                Deployments.start(
                        Map.of("quarkus.fault-tolerance.global.retry.max-retries", "2"),
                        Guards.class,
                        Orders.class)) {
            Orders orders = container.select(Orders.class).get();

            assertThatThrownBy(orders::place).isInstanceOf(IOException.class);
            assertThat(orders.attempts()).isEqualTo(3);
        }
    }

    @Test
    void anInvalidConfiguredValueFailsTheDeploymentNamingIdentifierMemberValueAndKey() {
        FaultToleranceDefinitionException error =
                Deployments.definitionError(
                        Map.of(
                                "quarkus.fault-tolerance.\"orders\".retry.max-retries", "-5",
                                "quarkus.fault-tolerance.\"stock\".circuit-breaker.failure-ratio",
                                        "lots"),
                        Guards.class);

        assertThat(error.getMessage())
                .contains(
                        "@Retry of the guard with @Identifier(\"orders\"): maxRetries = -5 (config key"
                                + " quarkus.fault-tolerance.\"orders\".retry.max-retries) is invalid; allowed:",
                        "@CircuitBreaker of the guard with @Identifier(\"stock\"): failureRatio = 'lots' (config key"
                                + " quarkus.fault-tolerance.\"stock\".circuit-breaker.failure-ratio) cannot be read;"
                                + " allowed: a decimal number");
    }

    @Test
    void aMisspeltMemberOrIdentifierOfAGuardKeyFailsTheDeploymentWithTheNearestKey() {
        FaultToleranceDefinitionException error =
                Deployments.definitionError(
                        Map.of(
                                "quarkus.fault-tolerance.\"orders\".retry.max-retrys", "4",
                                "quarkus.fault-tolerance.\"ordres\".retry.max-retries", "4",
                                "quarkus.fault-tolerance.\"orders\".fallback.enabled", "false"),
                        Guards.class);

        assertThat(error.getMessage())
                .contains(
                        "3 fault tolerance definition errors",
                        "config key quarkus.fault-tolerance.\"orders\".retry.max-retrys names no member \"max-retrys\" of"
                                + " @Retry; did you mean quarkus.fault-tolerance.\"orders\".retry.max-retries?",
                        "config key quarkus.fault-tolerance.\"ordres\".retry.max-retries names no bean class or guard"
                                + " identifier \"ordres\"; did you mean quarkus.fault-tolerance.\"orders\".retry.max-retries?",
                        "config key quarkus.fault-tolerance.\"orders\".fallback.enabled configures @Fallback of the guard"
                                + " with @Identifier(\"orders\"), which a guard's config cannot set");
    }

    @Test
    void withoutKeysTheBuilderValuesStand() {
        try (WeldContainer container = Deployments.start(Guards.class, Orders.class)) {
            Orders orders = container.select(Orders.class).get();

            assertThatThrownBy(orders::place).isInstanceOf(IOException.class);
            assertThat(orders.attempts()).isEqualTo(2);
        }
    }

    /** Instance fields: each test starts a container, and a guard uses the threads of the one it was built in. */
    @ApplicationScoped
    static class Guards {
        static final jakarta.enterprise.util.TypeLiteral<TypedGuard<String>> STOCK =
                new jakarta.enterprise.util.TypeLiteral<>() {};

        @Produces
        @Identifier("orders")
        final Guard orders =
                Guard.create()
                        .withRetry()
                        .maxRetries(1)
                        .jitter(0, ChronoUnit.MILLIS)
                        .done()
                        .build();

        @Produces
        @Identifier("stock")
        final TypedGuard<String> stock =
                TypedGuard.create(String.class)
                        .withCircuitBreaker()
                        .requestVolumeThreshold(10)
                        .done()
                        .withRateLimit()
                        .limit(100)
                        .done()
                        .build();
    }

    @ApplicationScoped
    static class Orders {
        private final AtomicInteger attempts = new AtomicInteger();

        int attempts() {
            return attempts.get();
        }

        @ApplyGuard("orders")
        String place() throws IOException {
            attempts.incrementAndGet();
            throw new IOException("warehouse down");
        }
    }
}
