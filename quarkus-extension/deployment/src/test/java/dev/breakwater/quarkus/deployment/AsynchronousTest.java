package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Asynchronous} returns at once and runs the method on another thread, with the other policies. */
class AsynchronousTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest().withApplicationRoot(archive -> archive.addClasses(Worker.class));

    @Inject Worker worker;

    @Test
    void returnsBeforeTheWorkIsDoneAndRunsElsewhere() throws Exception {
        CompletionStage<String> result = worker.threadName();
        assertThat(result.toCompletableFuture().isDone()).isFalse();

        worker.release.countDown();
        assertThat(result.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void retriesAFailedStageAndReportsTheLastFailure() {
        CompletableFuture<String> result = worker.failing().toCompletableFuture();
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(worker.failingAttempts()).isEqualTo(3);
    }

    @Singleton // no client proxy: the test reads the bean's latches directly
    static class Worker {
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger failingAttempts = new AtomicInteger();

        @Asynchronous
        CompletionStage<String> threadName() throws InterruptedException {
            release.await();
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }

        @Asynchronous
        @Retry(maxRetries = 2)
        CompletionStage<String> failing() {
            failingAttempts.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("attempt failed"));
        }

        int failingAttempts() {
            return failingAttempts.get();
        }
    }
}
