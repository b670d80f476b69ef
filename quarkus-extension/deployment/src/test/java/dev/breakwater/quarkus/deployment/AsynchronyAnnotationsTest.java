package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SmallRye's {@code @AsynchronousNonBlocking} and smallrye-common's {@code @Blocking}/{@code @NonBlocking} on Quarkus
 * (non-compatible mode, the default), as the incumbent treats them: {@code @AsynchronousNonBlocking} and
 * {@code @NonBlocking} keep a {@code CompletionStage} or {@code Uni} method on the caller's thread with retry and
 * fallback applied to what it returns; {@code @Blocking} moves it to a worker; the method's annotation wins over the
 * class's.
 */
@org.junit.jupiter.api.Timeout(60)
class AsynchronyAnnotationsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            NonBlockingService.class, OffloadedClass.class));

    @Inject NonBlockingService service;

    @Inject OffloadedClass offloadedClass;

    @Test
    void aNonBlockingStageMethodRunsOnTheCallersThreadAndIsRetriedThenFallsBack() {
        assertThat(service.alwaysFails().toCompletableFuture().join()).isEqualTo("fallback");

        assertThat(service.stageAttempts()).as("1 attempt and 3 retries").isEqualTo(4);
        assertThat(service.stageThreads()).first().isSameAs(Thread.currentThread());
    }

    @Test
    void aNonBlockingUniMethodRunsOnTheSubscribersThreadAndIsRetried() {
        assertThat(service.uniFailsOnce().await().indefinitely()).isEqualTo("second attempt");

        assertThat(service.uniThreads()).hasSize(2).first().isSameAs(Thread.currentThread());
    }

    @Test
    void nonBlockingKeepsTheCallersThreadAndBlockingMovesToAWorker() {
        assertThat(service.nonBlocking().toCompletableFuture().join())
                .isSameAs(Thread.currentThread());
        assertThat(service.blocking().toCompletableFuture().join())
                .isNotSameAs(Thread.currentThread());
    }

    @Test
    void onAMethodItWinsOverAsynchronousOnTheClass() {
        assertThat(offloadedClass.nonBlocking().toCompletableFuture().join())
                .isSameAs(Thread.currentThread());
        assertThat(offloadedClass.offloaded().toCompletableFuture().join())
                .isNotSameAs(Thread.currentThread());
    }

    @ApplicationScoped
    static class NonBlockingService {
        private final AtomicInteger stageAttempts = new AtomicInteger();
        private final AtomicInteger uniAttempts = new AtomicInteger();
        private final List<Thread> stageThreads = new CopyOnWriteArrayList<>();
        private final List<Thread> uniThreads = new CopyOnWriteArrayList<>();

        @AsynchronousNonBlocking
        @Retry(maxRetries = 3, delay = 0, jitter = 0)
        @Fallback(fallbackMethod = "fallback")
        CompletionStage<String> alwaysFails() {
            stageAttempts.incrementAndGet();
            stageThreads.add(Thread.currentThread());
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        CompletionStage<String> fallback() {
            return CompletableFuture.completedFuture("fallback");
        }

        @AsynchronousNonBlocking
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        Uni<String> uniFailsOnce() {
            uniThreads.add(Thread.currentThread());
            return uniAttempts.incrementAndGet() == 1
                    ? Uni.createFrom().failure(new IllegalStateException("first attempt"))
                    : Uni.createFrom().item("second attempt");
        }

        @NonBlocking
        @Retry
        CompletionStage<Thread> nonBlocking() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        @Blocking
        @Retry
        CompletionStage<Thread> blocking() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        int stageAttempts() {
            return stageAttempts.get();
        }

        List<Thread> stageThreads() {
            return stageThreads;
        }

        List<Thread> uniThreads() {
            return uniThreads;
        }
    }

    @ApplicationScoped
    @Asynchronous
    static class OffloadedClass {
        @AsynchronousNonBlocking
        CompletionStage<Thread> nonBlocking() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        CompletionStage<Thread> offloaded() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }
    }
}
