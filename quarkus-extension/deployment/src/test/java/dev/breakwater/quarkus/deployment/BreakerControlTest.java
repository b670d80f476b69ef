package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.Subscription;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code CircuitBreakers} bean on Quarkus: the breakers of the pipelines, by name, to read and steer. */
class BreakerControlTest {

    private static final String SHARED = "payment-gateway";
    private static final String STATUS = Gateway.class.getName() + "#status";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest().withApplicationRoot(archive -> archive.addClasses(Gateway.class));

    @Inject CircuitBreakers breakers;

    @Inject Gateway gateway;

    @BeforeEach
    void closeEveryBreaker() {
        // One application serves every test of the class: each starts from breakers as at
        // deployment.
        breakers.resetAll();
        gateway.failing(false);
    }

    @Test
    void listsTheBreakersByNameWithTheMethodsTheyGuard() {
        List<CircuitBreakerSnapshot> list = breakers.list();

        assertThat(list).extracting(CircuitBreakerSnapshot::name).containsExactly(STATUS, SHARED);
        assertThat(breakers.find(SHARED).orElseThrow().methods())
                .containsExactlyInAnyOrder(
                        Gateway.class.getName() + ".charge()",
                        Gateway.class.getName() + ".refund()");
        assertThat(list)
                .extracting(CircuitBreakerSnapshot::state)
                .containsOnly(BreakerState.CLOSED);
        assertThat(breakers.find(SHARED).orElseThrow().requestVolumeThreshold()).isEqualTo(2);
    }

    @Test
    void forceOpenRefusesCallsAndResetLetsThemThrough() {
        int before = gateway.calls();

        breakers.forceOpen(SHARED);

        assertThatThrownBy(gateway::charge).isInstanceOf(CircuitBreakerOpenException.class);
        assertThatThrownBy(gateway::refund).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(gateway.status()).as("a breaker of another name stays closed").isEqualTo("ok");
        assertThat(gateway.calls()).isEqualTo(before + 1);
        assertThat(breakers.find(SHARED).orElseThrow().rejected()).isEqualTo(2);

        breakers.reset(SHARED);

        assertThat(gateway.charge()).isEqualTo("charged");
        assertThat(breakers.find(SHARED).orElseThrow().state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void failuresOfMethodsSharingANameOpenOneBreaker() {
        gateway.failing(true);

        assertThatThrownBy(gateway::charge).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(gateway::refund).isInstanceOf(IllegalStateException.class);

        assertThat(breakers.find(SHARED).orElseThrow().state()).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(gateway::charge).isInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void subscribersSeeEveryChangeOfState() {
        List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();
        Subscription subscription = breakers.subscribe(changes::add);
        try {
            breakers.forceOpen(SHARED);
            breakers.forceClosed(SHARED);
        } finally {
            subscription.close();
        }
        breakers.forceOpen(SHARED);

        // Listeners run on the thread that changed the state, so the changes are there already.
        assertThat(changes)
                .containsExactly(
                        new BreakerStateChange(SHARED, BreakerState.CLOSED, BreakerState.OPEN),
                        new BreakerStateChange(SHARED, BreakerState.OPEN, BreakerState.CLOSED));
    }

    @Test
    void unknownNamesAreRefused() {
        assertThatThrownBy(() -> breakers.reset("nothing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SHARED);
    }

    @ApplicationScoped
    static class Gateway {
        // Reached through methods: the test holds a client proxy, whose fields are not the bean's.
        private final AtomicInteger calls = new AtomicInteger();
        private volatile boolean failing;

        int calls() {
            return calls.get();
        }

        void failing(boolean failing) {
            this.failing = failing;
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerName(SHARED)
        String charge() {
            return call("charged");
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerName(SHARED)
        String refund() {
            return call("refunded");
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        String status() {
            return call("ok");
        }

        private String call(String result) {
            calls.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("gateway down");
            }
            return result;
        }
    }
}
