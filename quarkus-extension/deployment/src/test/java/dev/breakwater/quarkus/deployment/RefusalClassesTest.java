package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Refused and timed-out calls fail with exactly the spec's exception classes, synchronous and asynchronous, as
 * applications written for the incumbent compare and print them.
 */
@org.junit.jupiter.api.Timeout(60)
class RefusalClassesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Refusing.class));

    @Inject Refusing refusing;

    @Test
    void anOpenBreakerRefusesWithCircuitBreakerOpenExceptionItself() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(refusing::opens).isInstanceOf(IllegalStateException.class);
        }

        Throwable refusal = thrown(refusing::opens);

        assertThat(refusal.getClass()).isEqualTo(CircuitBreakerOpenException.class);
        assertThat(refusal.getClass().getSimpleName()).isEqualTo("CircuitBreakerOpenException");
        assertThat(refusal)
                .hasMessageContaining("circuit breaker is open for " + Refusing.class.getName());
    }

    @Test
    void aFullBulkheadRefusesWithBulkheadExceptionItself() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = holder.submit(() -> refusing.exclusive(entered, release));
            entered.await();

            assertThat(thrown(() -> refusing.exclusive(new CountDownLatch(1), release)).getClass())
                    .isEqualTo(BulkheadException.class);
            release.countDown();
            assertThat(first.get()).isEqualTo("done");
        } finally {
            holder.shutdownNow();
        }
    }

    @Test
    void aTimedOutCallFailsWithTimeoutExceptionItself() {
        assertThat(thrown(refusing::hangs).getClass()).isEqualTo(TimeoutException.class);
    }

    @Test
    void anOpenBreakerRefusesAnAsynchronousCallWithCircuitBreakerOpenExceptionItself() {
        for (int i = 0; i < 2; i++) {
            assertThat(failure(refusing.opensAsync())).isInstanceOf(IllegalStateException.class);
        }

        assertThat(failure(refusing.opensAsync()).getClass())
                .isEqualTo(CircuitBreakerOpenException.class);
    }

    @Test
    void aFullBulkheadRefusesAnAsynchronousCallWithBulkheadExceptionItself() {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first =
                refusing.exclusiveAsync(running, release).toCompletableFuture();
        try {
            await(running);
            // One of the next two calls waits in the queue; the other is refused and completes
            // first.
            CompletableFuture<String> second =
                    refusing.exclusiveAsync(new CountDownLatch(1), release).toCompletableFuture();
            CompletableFuture<String> third =
                    refusing.exclusiveAsync(new CountDownLatch(1), release).toCompletableFuture();

            assertThat(failure(CompletableFuture.anyOf(second, third)).getClass())
                    .isEqualTo(BulkheadException.class);
            release.countDown();
            assertThat(second.isCompletedExceptionally() ? third.join() : second.join())
                    .isEqualTo("done");
        } finally {
            release.countDown();
            first.join();
        }
    }

    @Test
    void aTimedOutAsynchronousCallFailsWithTimeoutExceptionItself() throws Exception {
        assertThat(failure(refusing.hangsAsync()).getClass()).isEqualTo(TimeoutException.class);
    }

    private static Throwable thrown(ThrowingCall call) {
        try {
            call.run();
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    private static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the stage completed normally");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    @ApplicationScoped
    static class Refusing {

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        String opens() {
            throw new IllegalStateException("down");
        }

        @Asynchronous
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        CompletionStage<String> opensAsync() {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        @Bulkhead(1)
        String exclusive(CountDownLatch entered, CountDownLatch release)
                throws InterruptedException {
            entered.countDown();
            release.await();
            return "done";
        }

        @Asynchronous
        @Bulkhead(value = 1, waitingTaskQueue = 1)
        CompletionStage<String> exclusiveAsync(CountDownLatch running, CountDownLatch release) {
            running.countDown();
            await(release);
            return CompletableFuture.completedFuture("done");
        }

        @Timeout(50)
        String hangs() throws InterruptedException {
            new CountDownLatch(1).await();
            return "never";
        }

        @Asynchronous
        @Timeout(50)
        CompletionStage<String> hangsAsync() throws InterruptedException {
            new CountDownLatch(1).await();
            return CompletableFuture.completedFuture("never");
        }
    }
}
