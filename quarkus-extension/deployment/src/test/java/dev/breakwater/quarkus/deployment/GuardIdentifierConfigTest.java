package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On Quarkus, a {@code Guard} or {@code TypedGuard} bean is configured by its {@code @Identifier}: the keys change
 * the guard that {@code @ApplyGuard} applies and the one injected, and they pass the build's typo check.
 */
class GuardIdentifierConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Guards.class, Orders.class))
                    .overrideConfigKey("quarkus.fault-tolerance.\"orders\".retry.max-retries", "4")
                    .overrideConfigKey("smallrye.faulttolerance.\"stock\".rate-limit.value", "1");

    @Inject Orders orders;

    @Inject
    @Identifier("stock")
    TypedGuard<String> stock;

    @Test
    void theConfiguredRetriesApplyThroughApplyGuard() {
        assertThatThrownBy(orders::place).isInstanceOf(IOException.class);

        assertThat(orders.attempts()).isEqualTo(5);
    }

    @Test
    void theConfiguredRateLimitAppliesToTheInjectedTypedGuard() throws Exception {
        assertThat(stock.call(() -> "first")).isEqualTo("first");

        assertThatThrownBy(() -> stock.call(() -> "second")).isInstanceOf(RateLimitException.class);
    }

    public static class Guards {
        @Produces
        @Identifier("orders")
        static final Guard ORDERS =
                Guard.create()
                        .withRetry()
                        .maxRetries(1)
                        .jitter(0, ChronoUnit.MILLIS)
                        .done()
                        .build();

        @Produces
        @Identifier("stock")
        static final TypedGuard<String> STOCK =
                TypedGuard.create(String.class).withRateLimit().limit(100).done().build();
    }

    @ApplicationScoped
    public static class Orders {
        private final AtomicInteger attempts = new AtomicInteger();

        int attempts() {
            return attempts.get();
        }

        @ApplyGuard("orders")
        public String place() throws IOException {
            attempts.incrementAndGet();
            throw new IOException("warehouse down");
        }
    }
}
