package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.fault-tolerance.mp-compatibility=true} restores the spec's semantics on Quarkus: a
 * {@code CompletionStage} or {@code Uni} method without {@code @Asynchronous} is guarded synchronously (the method
 * runs when called, on the caller's thread; its failed stage or {@code Uni} is returned, not retried; what it throws
 * is retried), as the incumbent guards it in that mode, and exception lists look only at the thrown exception.
 */
@org.junit.jupiter.api.Timeout(60)
class MpCompatibilityTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Spec.class))
                    .overrideConfigKey("quarkus.fault-tolerance.mp-compatibility", "true");

    @Inject Spec spec;

    @Test
    void aFailedStageOfAMethodWithoutAsynchronousIsReturnedWithoutRetry() {
        assertThatThrownBy(() -> spec.stageFailsOnce().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .hasMessage("first attempt");

        assertThat(spec.attempts()).isOne();
    }

    @Test
    void aUniMethodWithoutAsynchronousRunsWhenCalledAndItsFailedUniIsReturnedWithoutRetry() {
        Uni<String> result = spec.uniFailsOnce();

        assertThat(spec.uniAttempts()).as("ran before any subscription").isOne();
        assertThat(spec.uniThreads()).containsExactly(Thread.currentThread());
        assertThatThrownBy(() -> result.await().atMost(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("first attempt");
        assertThat(spec.uniAttempts()).as("no retry").isOne();
    }

    @Test
    void aUniMethodWithoutAsynchronousIsRetriedWhenItThrows() {
        assertThat(spec.throwsTwiceThenReturnsAUni().await().atMost(Duration.ofSeconds(30)))
                .isEqualTo("attempt 3");
    }

    @Test
    void aUniMethodWithAsynchronousIsGuardedAsynchronously() {
        assertThat(spec.asynchronousUniFailsOnce().await().atMost(Duration.ofSeconds(30)))
                .isEqualTo("second attempt");
    }

    @Test
    void fallbackLooksOnlyAtTheThrownException() {
        assertThatThrownBy(spec::wrapsAnIOException).isInstanceOf(UncheckedIOException.class);
    }

    @ApplicationScoped
    static class Spec {
        private final AtomicInteger attempts = new AtomicInteger();
        private final AtomicInteger uniAttempts = new AtomicInteger();
        private final List<Thread> uniThreads = new CopyOnWriteArrayList<>();
        private final AtomicInteger throwingAttempts = new AtomicInteger();
        private final AtomicInteger asynchronousAttempts = new AtomicInteger();

        @Retry(maxRetries = 2, jitter = 0)
        CompletionStage<String> stageFailsOnce() {
            return attempts.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(new IllegalStateException("first attempt"))
                    : CompletableFuture.completedFuture("second attempt");
        }

        @Retry(maxRetries = 2, jitter = 0)
        Uni<String> uniFailsOnce() {
            uniThreads.add(Thread.currentThread());
            return uniAttempts.incrementAndGet() == 1
                    ? Uni.createFrom().failure(new IllegalStateException("first attempt"))
                    : Uni.createFrom().item("second attempt");
        }

        @Retry(maxRetries = 2, jitter = 0)
        Uni<String> throwsTwiceThenReturnsAUni() {
            int attempt = throwingAttempts.incrementAndGet();
            if (attempt < 3) {
                throw new IllegalStateException("attempt " + attempt);
            }
            return Uni.createFrom().item("attempt " + attempt);
        }

        @Asynchronous
        @Retry(maxRetries = 2, jitter = 0)
        Uni<String> asynchronousUniFailsOnce() {
            return asynchronousAttempts.incrementAndGet() == 1
                    ? Uni.createFrom().failure(new IllegalStateException("first attempt"))
                    : Uni.createFrom().item("second attempt");
        }

        @Fallback(fallbackMethod = "fallback", applyOn = IOException.class)
        String wrapsAnIOException() {
            throw new UncheckedIOException(new IOException("disk"));
        }

        String fallback() {
            return "fallback";
        }

        int attempts() {
            return attempts.get();
        }

        int uniAttempts() {
            return uniAttempts.get();
        }

        List<Thread> uniThreads() {
            return uniThreads;
        }
    }
}
