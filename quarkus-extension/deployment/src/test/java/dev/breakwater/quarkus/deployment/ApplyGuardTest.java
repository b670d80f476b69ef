package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @ApplyGuard("id")} on Quarkus: the method is guarded by the {@code Guard} or {@code TypedGuard} bean
 * {@code @Identifier("id")} (here static producer fields, as SmallRye advises), also for a {@code Uni} method and for
 * every method of an annotated class; a {@code @Fallback} beside it wraps the guard.
 */
@org.junit.jupiter.api.Timeout(60)
class ApplyGuardTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            Guards.class, Payments.class, Catalogue.class));

    @Inject Payments payments;

    @Inject Catalogue catalogue;

    @Test
    void theMethodIsGuardedByTheGuardOfItsIdentifier() throws Exception {
        assertThat(payments.charge()).isEqualTo("charged on attempt 3");
    }

    @Test
    void aUniMethodIsGuardedOnSubscription() {
        assertThat(payments.refund().await().atMost(Duration.ofSeconds(10)))
                .isEqualTo("refunded on attempt 3");
    }

    @Test
    void aFallbackBesideApplyGuardWrapsTheGuard() {
        assertThat(payments.withFallback()).isEqualTo("fallback after 3 attempts");
    }

    @Test
    void aClassLevelApplyGuardGuardsEveryMethod() {
        assertThat(catalogue.fetch()).isEqualTo("cached");
        assertThat(catalogue.search()).isEqualTo("cached");
    }

    public static class Guards {
        @Produces
        @Identifier("retry-twice")
        static final Guard RETRY_TWICE =
                Guard.create()
                        .withRetry()
                        .maxRetries(2)
                        .jitter(0, ChronoUnit.MILLIS)
                        .done()
                        .build();

        @Produces
        @Identifier("cached-catalogue")
        static final TypedGuard<String> CACHED =
                TypedGuard.create(String.class)
                        .withFallback()
                        .handler(() -> "cached")
                        .done()
                        .build();
    }

    @ApplicationScoped
    public static class Payments {
        private final AtomicInteger charges = new AtomicInteger();
        private final AtomicInteger refunds = new AtomicInteger();
        private final AtomicInteger attempts = new AtomicInteger();

        @ApplyGuard("retry-twice")
        public String charge() throws IOException {
            int attempt = charges.incrementAndGet();
            if (attempt < 3) {
                throw new IOException("gateway down");
            }
            return "charged on attempt " + attempt;
        }

        @ApplyGuard("retry-twice")
        public Uni<String> refund() {
            return Uni.createFrom()
                    .item(
                            () -> {
                                int attempt = refunds.incrementAndGet();
                                if (attempt < 3) {
                                    throw new IllegalStateException("gateway down");
                                }
                                return "refunded on attempt " + attempt;
                            });
        }

        @ApplyGuard("retry-twice")
        @Fallback(fallbackMethod = "fallback")
        public String withFallback() {
            attempts.incrementAndGet();
            throw new IllegalStateException("down");
        }

        String fallback() {
            return "fallback after " + attempts.get() + " attempts";
        }
    }

    @ApplicationScoped
    @ApplyGuard("cached-catalogue")
    public static class Catalogue {
        public String fetch() {
            throw new IllegalStateException("catalogue down");
        }

        public String search() {
            throw new IllegalStateException("search down");
        }
    }
}
