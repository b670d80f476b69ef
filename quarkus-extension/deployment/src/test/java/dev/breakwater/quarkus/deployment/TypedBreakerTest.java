package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.core.CircuitBreakerOpen;
import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.Guard;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A circuit breaker built with the typed API in a producer on Quarkus joins the application's registry, so the
 * injected {@link CircuitBreakers} (which the Dev UI and the readiness check read) lists and steers it next to the
 * annotated breakers.
 */
@org.junit.jupiter.api.Timeout(60)
class TypedBreakerTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Checkout.class, Producers.class));

    @Inject CircuitBreakers breakers;

    @Inject Guard<String> inventory;

    @Test
    void aTypedBreakerIsListedAndSteeredWithTheAnnotatedOnes() {
        assertThat(inventory.call(() -> "in stock")).isEqualTo("in stock");

        assertThat(breakers.list())
                .extracting(CircuitBreakerSnapshot::name)
                .containsExactly("inventory", "payment-gateway");
        assertThat(breakers.find("inventory").orElseThrow().succeeded()).isEqualTo(1);

        breakers.forceOpen("inventory");
        try {
            assertThat(breakers.state("inventory")).isEqualTo(BreakerState.OPEN);
            assertThatThrownBy(() -> inventory.call(() -> "refused"))
                    .isInstanceOf(CircuitBreakerOpen.class);
        } finally {
            breakers.reset("inventory");
        }
    }

    @ApplicationScoped
    public static class Checkout {
        @CircuitBreaker
        @BreakerName("payment-gateway")
        public String charge() {
            return "charged";
        }
    }

    @ApplicationScoped
    public static class Producers {
        @Produces
        @Singleton
        Guard<String> inventory(CircuitBreakerRegistry registry) {
            dev.breakwater.core.CircuitBreaker breaker =
                    dev.breakwater.core.CircuitBreaker.builder("inventory")
                            .delay(Duration.ofHours(1))
                            .registry(registry)
                            .build();
            return Guard.<String>builder("inventory client").circuitBreaker(breaker).build();
        }
    }
}
