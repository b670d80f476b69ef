package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SmallRye's programmatic API on Quarkus: a {@code Guard} guards {@code Uni} actions (each subscription is one
 * guarded call), a {@code TypedGuard} of {@code Uni} falls back with a {@code Uni}, and a named breaker is one of the
 * application's {@link CircuitBreakers}.
 */
@org.junit.jupiter.api.Timeout(60)
class GuardTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest().withApplicationRoot(archive -> archive.addClasses(Client.class));

    @Inject Client client;

    @Inject CircuitBreakers breakers;

    @Test
    void aGuardRetriesAUniUntilItSucceeds() throws Exception {
        AtomicInteger subscriptions = new AtomicInteger();

        Uni<String> guarded =
                client.retrying.call(
                        () ->
                                Uni.createFrom()
                                        .item(
                                                () -> {
                                                    if (subscriptions.incrementAndGet() < 3) {
                                                        throw new IllegalStateException("flaky");
                                                    }
                                                    return "third time";
                                                }),
                        new TypeLiteral<Uni<String>>() {});

        assertThat(subscriptions).hasValue(0);
        assertThat(guarded.await().atMost(Duration.ofSeconds(10))).isEqualTo("third time");
        assertThat(subscriptions).hasValue(3);
    }

    @Test
    void aTypedGuardOfUniFallsBackWithAUni() {
        Uni<String> guarded =
                client.withFallback.get(() -> Uni.createFrom().failure(new IOException("down")));

        assertThat(guarded.await().atMost(Duration.ofSeconds(10))).isEqualTo("fallback");
    }

    @Test
    void aGuardStillGuardsCompletionStages() throws Exception {
        CompletionStage<String> stage =
                client.retrying.call(
                        () -> CompletableFuture.completedFuture("stage"),
                        new TypeLiteral<CompletionStage<String>>() {});

        assertThat(stage.toCompletableFuture().get()).isEqualTo("stage");
    }

    @Test
    void aNamedBreakerIsOneOfTheApplicationsCircuitBreakers() {
        assertThatThrownBy(
                        () ->
                                client.named.get(
                                        () -> {
                                            throw new IllegalStateException("down");
                                        },
                                        String.class))
                .isExactlyInstanceOf(IllegalStateException.class);

        assertThat(breakers.find("quarkus-guard").orElseThrow().state())
                .isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> client.named.get(() -> "refused", String.class))
                .isExactlyInstanceOf(CircuitBreakerOpenException.class);
        breakers.reset("quarkus-guard");
        assertThat(client.named.get(() -> "flows", String.class)).isEqualTo("flows");
    }

    @ApplicationScoped
    public static class Client {
        final Guard retrying =
                Guard.create()
                        .withRetry()
                        .maxRetries(3)
                        .jitter(0, ChronoUnit.MILLIS)
                        .done()
                        .build();
        final TypedGuard<Uni<String>> withFallback =
                TypedGuard.create(new TypeLiteral<Uni<String>>() {})
                        .withFallback()
                        .handler(() -> Uni.createFrom().item("fallback"))
                        .done()
                        .build();
        final Guard named =
                Guard.create()
                        .withCircuitBreaker()
                        .name("quarkus-guard")
                        .requestVolumeThreshold(1)
                        .delay(1, ChronoUnit.HOURS)
                        .done()
                        .build();
    }
}
