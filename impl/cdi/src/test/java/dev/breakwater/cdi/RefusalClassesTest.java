package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
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
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Refused and timed-out calls fail with exactly the spec's exception classes, which applications compare and print
 * by name; the stackless subclasses only when {@code breakwater.refusals.stackless=true} asks for them.
 */
@org.junit.jupiter.api.Timeout(60)
class RefusalClassesTest {

    private WeldContainer container;

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.close();
        }
    }

    private Refusing start(Map<String, String> config) {
        container = Deployments.start(config, Refusing.class);
        return container.select(Refusing.class).get();
    }

    @Nested
    class ByDefault {

        @Test
        void anOpenBreakerRefusesWithCircuitBreakerOpenExceptionItself() {
            Throwable refusal = openBreakerRefusal(start(Map.of()));

            assertThat(refusal.getClass()).isEqualTo(CircuitBreakerOpenException.class);
            assertThat(refusal)
                    .hasMessage(
                            "circuit breaker is open for " + Refusing.class.getName() + ".opens()");
            assertThat(refusal.getStackTrace()).isNotEmpty();
        }

        @Test
        void aFullBulkheadRefusesWithBulkheadExceptionItself() throws Exception {
            Throwable refusal = fullBulkheadRefusal(start(Map.of()));

            assertThat(refusal.getClass()).isEqualTo(BulkheadException.class);
            assertThat(refusal)
                    .hasMessageContaining("bulkhead is full for " + Refusing.class.getName());
        }

        @Test
        void aTimedOutCallFailsWithTimeoutExceptionItself() {
            Throwable timeout = catchThrowable(start(Map.of())::hangs);

            assertThat(timeout.getClass()).isEqualTo(TimeoutException.class);
            assertThat(timeout)
                    .hasMessageContaining(Refusing.class.getName() + ".hangs() timed out");
        }

        @Test
        void anOpenBreakerRefusesAnAsynchronousCallWithCircuitBreakerOpenExceptionItself() {
            Refusing refusing = start(Map.of());
            for (int i = 0; i < 2; i++) {
                assertThat(failure(refusing.opensAsync()))
                        .isInstanceOf(IllegalStateException.class);
            }

            assertThat(failure(refusing.opensAsync()).getClass())
                    .isEqualTo(CircuitBreakerOpenException.class);
        }

        @Test
        void aFullBulkheadRefusesAnAsynchronousCallWithBulkheadExceptionItself() {
            Refusing refusing = start(Map.of());
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first =
                    refusing.exclusiveAsync(running, release).toCompletableFuture();
            try {
                await(running);
                // One of the next two calls waits in the queue; the other is refused and completes
                // first.
                CompletableFuture<String> second =
                        refusing.exclusiveAsync(new CountDownLatch(1), release)
                                .toCompletableFuture();
                CompletableFuture<String> third =
                        refusing.exclusiveAsync(new CountDownLatch(1), release)
                                .toCompletableFuture();

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
            assertThat(failure(start(Map.of()).hangsAsync()).getClass())
                    .isEqualTo(TimeoutException.class);
        }
    }

    @Nested
    class WithStacklessRefusalsSwitchedOn {

        private static final Map<String, String> STACKLESS =
                Map.of("breakwater.refusals.stackless", "true");

        @Test
        void anOpenBreakerRefusesWithAStacklessSubclassNamingTheMethod() {
            Throwable refusal = openBreakerRefusal(start(STACKLESS));

            assertThat(refusal)
                    .isInstanceOf(CircuitBreakerOpenException.class)
                    .hasMessage(
                            "circuit breaker is open for " + Refusing.class.getName() + ".opens()");
            assertThat(refusal.getClass()).isNotEqualTo(CircuitBreakerOpenException.class);
            assertThat(refusal.getStackTrace()).isEmpty();
        }

        @Test
        void aFullBulkheadRefusesWithAStacklessSubclass() throws Exception {
            Throwable refusal = fullBulkheadRefusal(start(STACKLESS));

            assertThat(refusal).isInstanceOf(BulkheadException.class);
            assertThat(refusal.getClass()).isNotEqualTo(BulkheadException.class);
            assertThat(refusal.getStackTrace()).isEmpty();
        }

        @Test
        void aTimeoutStaysTheSpecsOwnClass() {
            assertThat(catchThrowable(start(STACKLESS)::hangs).getClass())
                    .isEqualTo(TimeoutException.class);
        }
    }

    @Test
    void aSwitchValueThatIsNeitherTrueNorFalseFailsTheDeployment() {
        assertThat(
                        Deployments.definitionError(
                                Map.of("breakwater.refusals.stackless", "sure"), Refusing.class))
                .hasMessageContaining(
                        "breakwater.refusals.stackless = 'sure' (config key"
                                + " breakwater.refusals.stackless) cannot be read; allowed: true or false"
                                + " (also yes/no, y/n, on/off, 1/0)");
    }

    private static Throwable openBreakerRefusal(Refusing refusing) {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(refusing::opens).isInstanceOf(IllegalStateException.class);
        }
        return catchThrowable(refusing::opens);
    }

    private static Throwable fullBulkheadRefusal(Refusing refusing) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = holder.submit(() -> refusing.exclusive(entered, release));
            entered.await();
            Throwable refusal =
                    catchThrowable(() -> refusing.exclusive(new CountDownLatch(1), release));
            release.countDown();
            assertThat(first.get()).isEqualTo("done");
            return refusal;
        } finally {
            holder.shutdownNow();
        }
    }

    private static Throwable catchThrowable(ThrowingCall call) {
        try {
            call.run();
        } catch (Throwable thrown) {
            return thrown;
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
    public static class Refusing {

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        public String opens() {
            throw new IllegalStateException("down");
        }

        @Asynchronous
        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        public CompletionStage<String> opensAsync() {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        @Bulkhead(1)
        public String exclusive(CountDownLatch entered, CountDownLatch release)
                throws InterruptedException {
            entered.countDown();
            release.await();
            return "done";
        }

        @Asynchronous
        @Bulkhead(value = 1, waitingTaskQueue = 1)
        public CompletionStage<String> exclusiveAsync(
                CountDownLatch running, CountDownLatch release) {
            running.countDown();
            await(release);
            return CompletableFuture.completedFuture("done");
        }

        @Timeout(50)
        public String hangs() throws InterruptedException {
            new CountDownLatch(1).await();
            return "never";
        }

        @Asynchronous
        @Timeout(50)
        public CompletionStage<String> hangsAsync() throws InterruptedException {
            new CountDownLatch(1).await();
            return CompletableFuture.completedFuture("never");
        }
    }
}
