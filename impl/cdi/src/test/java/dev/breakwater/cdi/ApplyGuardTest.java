package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * {@code @ApplyGuard("id")} on Weld, as SmallRye documents it: the method is guarded by the {@code Guard} or
 * {@code TypedGuard} bean {@code @Identifier("id")}, on the method or for every method of the class; a
 * {@code @Fallback} next to it wraps the guard; an unknown identifier, a {@code TypedGuard} of another type, another
 * fault tolerance annotation next to it and the deprecated {@code @ApplyFaultTolerance} fail the deployment.
 */
class ApplyGuardTest {

    @Test
    void theMethodIsGuardedByTheGuardOfItsIdentifier() throws Exception {
        try (WeldContainer container = Deployments.start(Guards.class, Payments.class)) {
            Payments payments = container.select(Payments.class).get();

            assertThat(payments.charge()).isEqualTo("charged on attempt 3");
        }
    }

    @Test
    void aCompletionStageMethodIsGuardedAsynchronously() throws Exception {
        try (WeldContainer container = Deployments.start(Guards.class, Payments.class)) {
            Payments payments = container.select(Payments.class).get();

            assertThat(payments.refund().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo("refunded on attempt 3");
        }
    }

    @Test
    void aClassLevelApplyGuardWithATypedGuardGuardsEveryMethod() {
        try (WeldContainer container = Deployments.start(Guards.class, Catalogue.class)) {
            Catalogue catalogue = container.select(Catalogue.class).get();

            assertThat(catalogue.fetch()).isEqualTo("cached");
            assertThat(catalogue.search()).isEqualTo("cached");
        }
    }

    @Test
    void aFallbackNextToApplyGuardWrapsTheGuard() {
        try (WeldContainer container = Deployments.start(Guards.class, WithFallback.class)) {
            WithFallback bean = container.select(WithFallback.class).get();

            assertThat(bean.call()).isEqualTo("fallback after 3 attempts");
        }
    }

    @Test
    void anUnknownIdentifierOrATypedGuardOfAnotherTypeFailsTheDeployment() {
        Throwable failure = catchDeploymentFailure(Guards.class, Misapplied.class);

        assertThat(failure)
                .hasMessageContaining("2 fault tolerance definition errors")
                .hasMessageContaining(
                        "@ApplyGuard(\"nowhere\") on "
                                + Misapplied.class.getName()
                                + ".unknown(): no"
                                + " bean of type Guard or TypedGuard has @Identifier(\"nowhere\"); allowed: the identifier of"
                                + " such a bean")
                .hasMessageContaining(
                        "@ApplyGuard(\"cached-catalogue\") on "
                                + Misapplied.class.getName()
                                + ".count(): the guard is a io.smallrye.faulttolerance.api.TypedGuard<java.lang.String> and"
                                + " the method returns int; allowed: a Guard, or a TypedGuard of the method's return type");
    }

    @Test
    void anotherStrategyNextToApplyGuardAndApplyFaultToleranceAreDefinitionErrors() {
        FaultToleranceDefinitionException error =
                Deployments.definitionError(Guards.class, Conflicting.class);

        assertThat(error.getMessage())
                .contains(
                        "2 fault tolerance definition errors",
                        "@ApplyGuard(\"retry-twice\") and @Retry on "
                                + Conflicting.class.getName()
                                + ".charge(): SmallRye"
                                + " ignores @Retry where @ApplyGuard applies; allowed: beside @ApplyGuard only @Fallback and"
                                + " @Asynchronous",
                        "@ApplyFaultTolerance(\"legacy\") on "
                                + Conflicting.class.getName()
                                + " (the class): SmallRye's"
                                + " deprecated FaultTolerance API is not supported by Breakwater; allowed: @ApplyGuard with a"
                                + " Guard or TypedGuard bean");
    }

    private static Throwable catchDeploymentFailure(Class<?>... beanClasses) {
        try {
            Deployments.start(beanClasses).close();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof FaultToleranceDefinitionException)) {
                cause = cause.getCause();
            }
            return cause != null ? cause : e;
        }
        throw new AssertionError("the deployment started");
    }

    /**
     * Instance fields, not the static ones SmallRye advises: this class starts a container per test, and a guard
     * uses the threads of the container it was built in.
     */
    @ApplicationScoped
    static class Guards {
        @Produces
        @Identifier("retry-twice")
        final Guard retryTwice =
                Guard.create()
                        .withRetry()
                        .maxRetries(2)
                        .jitter(0, ChronoUnit.MILLIS)
                        .done()
                        .build();

        @Produces
        @Identifier("cached-catalogue")
        final TypedGuard<String> cached =
                TypedGuard.create(String.class)
                        .withFallback()
                        .handler(() -> "cached")
                        .done()
                        .build();
    }

    @ApplicationScoped
    static class Payments {
        private final AtomicInteger charges = new AtomicInteger();
        private final AtomicInteger refunds = new AtomicInteger();

        @ApplyGuard("retry-twice")
        String charge() throws IOException {
            int attempt = charges.incrementAndGet();
            if (attempt < 3) {
                throw new IOException("gateway down");
            }
            return "charged on attempt " + attempt;
        }

        @ApplyGuard("retry-twice")
        CompletionStage<String> refund() {
            int attempt = refunds.incrementAndGet();
            return attempt < 3
                    ? CompletableFuture.failedFuture(new IOException("gateway down"))
                    : CompletableFuture.completedFuture("refunded on attempt " + attempt);
        }
    }

    @ApplicationScoped
    @ApplyGuard("cached-catalogue")
    static class Catalogue {
        String fetch() {
            throw new IllegalStateException("catalogue down");
        }

        String search() {
            throw new IllegalStateException("search down");
        }
    }

    @ApplicationScoped
    static class WithFallback {
        private final AtomicInteger attempts = new AtomicInteger();

        @ApplyGuard("retry-twice")
        @Fallback(fallbackMethod = "fallback")
        String call() {
            attempts.incrementAndGet();
            throw new IllegalStateException("down");
        }

        String fallback() {
            return "fallback after " + attempts.get() + " attempts";
        }
    }

    @ApplicationScoped
    static class Misapplied {
        @ApplyGuard("nowhere")
        String unknown() {
            return "never";
        }

        @ApplyGuard("cached-catalogue")
        int count() {
            return 0;
        }
    }

    @ApplicationScoped
    @SuppressWarnings("removal")
    @ApplyFaultTolerance("legacy")
    static class Conflicting {
        @ApplyGuard("retry-twice")
        @Retry
        String charge() {
            return "charged";
        }
    }
}
