package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus-smallrye-context-propagation} in the application (the deployment tests have it, through
 * Mutiny), an {@code @Asynchronous} call runs inside every context MicroProfile Context Propagation captured from
 * its caller, not only the request context: here a thread-local "tenant" that a {@link ThreadContextProvider} of the
 * application carries. {@link RequestContextPropagationTest} checks the request context with Context Propagation
 * present.
 */
@org.junit.jupiter.api.Timeout(60)
class ContextPropagationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(TenantContext.class, Tenants.class)
                                            .addAsResource(
                                                    new StringAsset(TenantContext.class.getName()),
                                                    "META-INF/services/"
                                                            + ThreadContextProvider.class
                                                                    .getName()));

    @Inject Tenants tenants;

    @AfterEach
    void forgetTheTenant() {
        TenantContext.TENANT.remove();
    }

    @Test
    void theAsynchronousMethodSeesTheTenantItsCallerSet() throws Exception {
        TenantContext.TENANT.set("acme");

        String[] seen = tenants.current().toCompletableFuture().get();

        assertThat(seen[0]).isEqualTo("acme");
        assertThat(seen[1])
                .as("the method's thread")
                .isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void everyAttemptOfARetriedCallSeesTheCallersTenant() throws Exception {
        TenantContext.TENANT.set("globex");

        String result = tenants.failsOnce().toCompletableFuture().get();

        assertThat(result).isEqualTo("globex");
        assertThat(tenants.seenByAttempts()).containsExactly("globex", "globex");
    }

    @Test
    void aCallerWithoutATenantGivesTheMethodNoneEvenOnAThreadAnEarlierCallUsed() throws Exception {
        TenantContext.TENANT.set("initech");
        assertThat(tenants.current().toCompletableFuture().get()[0]).isEqualTo("initech");
        ExecutorService plain = Executors.newSingleThreadExecutor();
        try {
            String seen =
                    plain.submit(() -> tenants.current().toCompletableFuture().get()[0]).get();

            assertThat(seen).isNull();
        } finally {
            plain.shutdownNow();
        }
    }

    /** Carries {@link #TENANT} from the thread that captures to the thread that runs, restoring what was there. */
    public static class TenantContext implements ThreadContextProvider {
        static final ThreadLocal<String> TENANT = new ThreadLocal<>();

        @Override
        public ThreadContextSnapshot currentContext(Map<String, String> props) {
            return installing(TENANT.get());
        }

        @Override
        public ThreadContextSnapshot clearedContext(Map<String, String> props) {
            return installing(null);
        }

        @Override
        public String getThreadContextType() {
            return "Tenant";
        }

        private static ThreadContextSnapshot installing(String tenant) {
            return () -> {
                String previous = TENANT.get();
                TENANT.set(tenant);
                return () -> TENANT.set(previous);
            };
        }
    }

    @ApplicationScoped
    static class Tenants {
        private final List<String> seenByAttempts = new CopyOnWriteArrayList<>();
        private final AtomicInteger attempts = new AtomicInteger();

        List<String> seenByAttempts() {
            return seenByAttempts;
        }

        @Asynchronous
        CompletionStage<String[]> current() {
            return CompletableFuture.completedFuture(
                    new String[] {TenantContext.TENANT.get(), Thread.currentThread().getName()});
        }

        @Asynchronous
        @Retry(maxRetries = 1, jitter = 0)
        CompletionStage<String> failsOnce() {
            seenByAttempts.add(TenantContext.TENANT.get());
            if (attempts.getAndIncrement() == 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("first attempt"));
            }
            return CompletableFuture.completedFuture(TenantContext.TENANT.get());
        }
    }
}
