package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.core.CircuitBreakerOpen;
import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InterceptionFactory;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * A circuit breaker built with the typed API in a producer joins the container's registry: the injected
 * {@link CircuitBreakers} lists it next to the annotated breakers, steers it and tells its changes; a breaker built in
 * code and an annotated one never share a name; and the registry is emptied when the container stops.
 */
class TypedBreakerInContainerTest {

    private static final TypeLiteral<Guard<String>> INVENTORY = new TypeLiteral<>() {};

    @Test
    void aTypedBreakerBuiltInAProducerIsListedAndSteeredWithTheAnnotatedOnes() {
        try (WeldContainer container = Deployments.start(Checkout.class, Producers.class)) {
            CircuitBreakers breakers = container.select(CircuitBreakers.class).get();
            Guard<String> inventory = container.select(INVENTORY).get();
            List<BreakerStateChange> heard = new CopyOnWriteArrayList<>();
            breakers.subscribe(heard::add);

            assertThat(breakers.list())
                    .extracting(CircuitBreakerSnapshot::name)
                    .containsExactly("inventory", "payment-gateway");
            breakers.forceOpen("inventory");

            assertThatThrownBy(() -> inventory.call(() -> "refused"))
                    .isInstanceOf(CircuitBreakerOpen.class);
            assertThat(breakers.find("inventory").orElseThrow().rejected()).isEqualTo(1);
            assertThat(heard)
                    .containsExactly(
                            new BreakerStateChange(
                                    "inventory", BreakerState.CLOSED, BreakerState.OPEN));
            breakers.reset("inventory");
            assertThat(inventory.call(() -> "in stock")).isEqualTo("in stock");
        }
    }

    @Test
    void aTypedBreakerCannotTakeTheNameOfAnAnnotatedOne() {
        try (WeldContainer container = Deployments.start(Checkout.class, Producers.class)) {
            CircuitBreakerRegistry registry = container.select(CircuitBreakerRegistry.class).get();

            assertThatThrownBy(
                            () ->
                                    dev.breakwater.core.CircuitBreaker.builder("payment-gateway")
                                            .registry(registry)
                                            .build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "a circuit breaker is already named 'payment-gateway' (used by ["
                                    + Checkout.class.getName()
                                    + ".charge()])");
        }
    }

    @Test
    void theRegistryIsEmptiedWhenTheContainerStops() {
        CircuitBreakerRegistry registry;
        try (WeldContainer container = Deployments.start(Checkout.class, Producers.class)) {
            registry = container.select(CircuitBreakerRegistry.class).get();
            container.select(INVENTORY).get();
            assertThat(registry.list()).hasSize(2);
        }

        assertThat(registry.list()).isEmpty();
        assertThatThrownBy(
                        () ->
                                dev.breakwater.core.CircuitBreaker.builder("late")
                                        .registry(registry)
                                        .build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMethodAssembledOnItsFirstCallCannotTakeTheNameOfATypedBreaker() {
        try (WeldContainer container =
                Deployments.start(Checkout.class, Producers.class, ScannerProducer.class)) {
            container.select(INVENTORY).get();
            Scanner scanner = container.select(Scanner.class).get();

            assertThatThrownBy(scanner::scan)
                    .isInstanceOf(FaultToleranceDefinitionException.class)
                    .hasMessageContaining(
                            "@CircuitBreaker on "
                                    + Scanner.class.getName()
                                    + ".scan() is named"
                                    + " 'inventory', the name of a circuit breaker built in code; allowed: a name no circuit"
                                    + " breaker built in code has");
            assertThat(
                            container
                                    .select(CircuitBreakers.class)
                                    .get()
                                    .find("inventory")
                                    .orElseThrow()
                                    .methods())
                    .isEmpty();
        }
    }

    @ApplicationScoped
    static class Checkout {
        @CircuitBreaker
        @BreakerName("payment-gateway")
        String charge() {
            return "charged";
        }
    }

    /** Not a bean: guarded through {@code InterceptionFactory}, assembled on its first call. */
    public static class Scanner {
        @CircuitBreaker
        @BreakerName("inventory")
        public String scan() {
            return "scanned";
        }
    }

    @Dependent
    public static class ScannerProducer {
        @Produces
        Scanner scanner(InterceptionFactory<Scanner> factory) {
            return factory.createInterceptedInstance(new Scanner());
        }
    }

    /** Builds the application's typed guards, as an application would. */
    @Singleton
    static class Producers {
        @Produces
        @Singleton
        Guard<String> inventory(CircuitBreakerRegistry breakers) {
            dev.breakwater.core.CircuitBreaker breaker =
                    dev.breakwater.core.CircuitBreaker.builder("inventory")
                            .delay(Duration.ofHours(1))
                            .registry(breakers)
                            .build();
            return Guard.<String>builder("inventory client").circuitBreaker(breaker).build();
        }
    }
}
