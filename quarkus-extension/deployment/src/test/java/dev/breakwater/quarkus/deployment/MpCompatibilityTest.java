package dev.breakwater.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code quarkus.fault-tolerance.mp-compatibility=true} restores the spec's semantics on Quarkus: a
 * {@code CompletionStage} method without {@code @Asynchronous} is guarded synchronously (its failed stage is
 * returned, not retried), and exception lists look only at the thrown exception.
 */
@org.junit.jupiter.api.Timeout(60)
class MpCompatibilityTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(archive -> archive.addClasses(Spec.class))
            .overrideConfigKey("quarkus.fault-tolerance.mp-compatibility", "true");

    @Inject
    Spec spec;

    @Test
    void aFailedStageOfAMethodWithoutAsynchronousIsReturnedWithoutRetry() {
        assertThatThrownBy(() -> spec.stageFailsOnce().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().hasMessage("first attempt");

        assertThat(spec.attempts()).isOne();
    }

    @Test
    void fallbackLooksOnlyAtTheThrownException() {
        assertThatThrownBy(spec::wrapsAnIOException).isInstanceOf(UncheckedIOException.class);
    }

    @ApplicationScoped
    static class Spec {
        private final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = 2, jitter = 0)
        CompletionStage<String> stageFailsOnce() {
            return attempts.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(new IllegalStateException("first attempt"))
                    : CompletableFuture.completedFuture("second attempt");
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
    }
}
