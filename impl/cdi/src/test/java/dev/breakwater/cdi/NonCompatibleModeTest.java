package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On Weld the spec's semantics apply unless SmallRye's non-compatible mode is switched on with
 * {@code smallrye.faulttolerance.mp-compatibility=false} (or Quarkus's key): then a {@code CompletionStage} method
 * without {@code @Asynchronous} is guarded asynchronously on the caller's thread, and exception lists inspect
 * cause chains.
 */
@org.junit.jupiter.api.Timeout(60)
class NonCompatibleModeTest {

    private WeldContainer container;

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.close();
        }
    }

    private Reactive start(Map<String, String> config) {
        container = Deployments.start(config, Reactive.class);
        return container.select(Reactive.class).get();
    }

    @Test
    void byDefaultAFailedStageOfAMethodWithoutAsynchronousIsReturnedAsItIs() {
        Reactive reactive = start(Map.of());

        assertThatThrownBy(() -> reactive.failsOnce().toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class)
                .cause()
                .hasMessage("first attempt");
        assertThat(reactive.attempts()).isOne();
    }

    @Test
    void byDefaultFallbackLooksOnlyAtTheThrownException() {
        assertThatThrownBy(start(Map.of())::wrapsAnIOException)
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void inNonCompatibleModeAFailedStageIsRetriedAndTheFirstAttemptRunsOnTheCallersThread()
            throws Exception {
        Reactive reactive = start(Map.of("smallrye.faulttolerance.mp-compatibility", "false"));

        assertThat(reactive.failsOnce().toCompletableFuture().get()).isEqualTo("second attempt");
        assertThat(reactive.attempts()).isEqualTo(2);
        assertThat(reactive.threads()).first().isSameAs(Thread.currentThread());
    }

    @Test
    void inNonCompatibleModeFallbackAppliesToAnExceptionWhoseCauseIsListed() {
        Reactive reactive = start(Map.of("quarkus.fault-tolerance.mp-compatibility", "false"));

        assertThat(reactive.wrapsAnIOException()).isEqualTo("fallback");
    }

    @Test
    void quarkussKeyWinsOverSmallRyesWhenBothAreSet() {
        Reactive reactive =
                start(
                        Map.of(
                                "quarkus.fault-tolerance.mp-compatibility",
                                "true",
                                "smallrye.faulttolerance.mp-compatibility",
                                "false"));

        assertThatThrownBy(reactive::wrapsAnIOException).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aSwitchValueThatIsNeitherTrueNorFalseFailsTheDeployment() {
        assertThat(
                        Deployments.definitionError(
                                Map.of("smallrye.faulttolerance.mp-compatibility", "nope"),
                                Reactive.class))
                .hasMessageContaining(
                        "smallrye.faulttolerance.mp-compatibility = 'nope' (config key"
                                + " smallrye.faulttolerance.mp-compatibility) cannot be read; allowed: true or false");
    }

    @ApplicationScoped
    public static class Reactive {
        private final AtomicInteger attempts = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Retry(maxRetries = 2, jitter = 0)
        public CompletionStage<String> failsOnce() {
            threads.add(Thread.currentThread());
            return attempts.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(new IllegalStateException("first attempt"))
                    : CompletableFuture.completedFuture("second attempt");
        }

        @Fallback(fallbackMethod = "fallback", applyOn = IOException.class)
        public String wrapsAnIOException() {
            throw new UncheckedIOException(new IOException("disk"));
        }

        String fallback() {
            return "fallback";
        }

        int attempts() {
            return attempts.get();
        }

        List<Thread> threads() {
            return threads;
        }
    }
}
