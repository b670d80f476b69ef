package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.CircuitBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * A deployment cleans up after itself: the threads it started are named {@code breakwater-*} and end with the
 * container, its timer is empty once its calls are over, and nothing of a closed container stays reachable, so
 * deploying and undeploying again and again in one JVM does not grow the heap.
 */
@org.junit.jupiter.api.Timeout(120)
class ThreadAndMemoryHygieneTest {

    private static final int CALLS = 10_000;
    private static final int CYCLES = 5;

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .collect(Collectors.toSet());
    }

    @Test
    void
            afterTenThousandTimedOutAndAsynchronousCallsAndShutdownNoThreadOfTheContainerIsAliveAndTheTimerIsEmpty()
                    throws Exception {
        ThreadPoolExecutor callers = (ThreadPoolExecutor) Executors.newFixedThreadPool(4);
        callers.prestartAllCoreThreads();
        try {
            WeldContainer container = Deployments.start(Slow.class);
            Slow slow = container.select(Slow.class).get();
            FaultToleranceExtension extension =
                    container.select(FaultToleranceExtension.class).get();
            // Taken after the boot: Weld may boot on the common fork-join pool. Breakwater starts
            // its threads on
            // first use, so every thread that appears from here on is one the calls made Breakwater
            // start.
            Set<Thread> before = liveThreads();

            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                int call = i;
                calls.add(
                        callers.submit(
                                () -> {
                                    switch (call % 3) {
                                        case 0 ->
                                                assertThatThrownBy(slow::hangs)
                                                        .isInstanceOf(TimeoutException.class);
                                        case 1 ->
                                                assertThatThrownBy(
                                                                () ->
                                                                        slow.hangsAsynchronously()
                                                                                .toCompletableFuture()
                                                                                .join())
                                                        .hasCauseInstanceOf(TimeoutException.class);
                                        default ->
                                                assertThat(
                                                                slow.answersAsynchronously()
                                                                        .toCompletableFuture()
                                                                        .join())
                                                        .isEqualTo("answer");
                                    }
                                    return null;
                                }));
            }
            for (Future<?> call : calls) {
                try {
                    call.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw new AssertionError("a call did not end as expected", e.getCause());
                }
            }
            Set<Thread> started = liveThreads();
            started.removeAll(before);
            assertThat(extension.threads().pendingTimerTasks())
                    .as("tasks left in the timer")
                    .isZero();

            container.close();

            assertThat(started)
                    .as("threads the container started")
                    .isNotEmpty()
                    .allSatisfy(thread -> assertThat(thread.getName()).startsWith("breakwater-"));
            // A pool is terminated once its last worker has left, which that worker's thread does a
            // moment
            // before it ends; so each thread gets a bounded join, not an instant check.
            for (Thread thread : started) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            assertThat(started).as("threads still alive after shutdown").noneMatch(Thread::isAlive);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void nothingOfAClosedContainerStaysReachableSoRepeatedDeploymentsDoNotGrowTheHeap()
            throws Exception {
        List<WeakReference<Object>> leftovers = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            leftovers.addAll(deployUseAndClose());
        }

        // Collected, or still reachable from something that outlives the container (a static cache,
        // a thread).
        for (int attempt = 0;
                attempt < 50 && leftovers.stream().anyMatch(ref -> ref.get() != null);
                attempt++) {
            System.gc();
            allocateGarbage();
        }
        // Named by class: printing a closed container's objects would ask the closed container for
        // their state.
        assertThat(
                        leftovers.stream()
                                .map(WeakReference::get)
                                .filter(Objects::nonNull)
                                .map(leftover -> leftover.getClass().getName())
                                .toList())
                .as("objects of closed containers still reachable")
                .isEmpty();
    }

    /** @return weak references to the container's objects: the container, its bean manager, our extension, a bean */
    private static List<WeakReference<Object>> deployUseAndClose() throws Exception {
        WeldContainer container = Deployments.start(Slow.class);
        Slow slow = container.select(Slow.class).get();
        CircuitBreakers breakers = container.select(CircuitBreakers.class).get();
        breakers.subscribe(change -> {}); // a listener the application never unsubscribes
        assertThatThrownBy(slow::hangs).isInstanceOf(TimeoutException.class);
        assertThat(slow.answersAsynchronously().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEqualTo("answer");
        assertThat(slow.guarded()).isEqualTo("guarded");
        List<WeakReference<Object>> references =
                List.of(
                        new WeakReference<>(container),
                        new WeakReference<>(container.select(BeanManager.class).get()),
                        new WeakReference<>(container.select(FaultToleranceExtension.class).get()),
                        new WeakReference<>(slow.self()));
        container.close();
        return references;
    }

    /** Gives the collector a reason to run a full cycle. */
    private static void allocateGarbage() {
        List<byte[]> garbage = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            garbage.add(new byte[64 * 1024]);
        }
        assertThat(garbage).hasSize(64);
    }

    @ApplicationScoped
    public static class Slow {

        @Timeout(1)
        public String hangs() throws InterruptedException {
            new CountDownLatch(1).await();
            return "never";
        }

        @Asynchronous
        @Timeout(1)
        public CompletionStage<String> hangsAsynchronously() throws InterruptedException {
            new CountDownLatch(1).await();
            return CompletableFuture.completedFuture("never");
        }

        @Asynchronous
        @Bulkhead(value = 4, waitingTaskQueue = 10_000)
        public CompletionStage<String> answersAsynchronously() {
            return CompletableFuture.completedFuture("answer");
        }

        @Retry
        @CircuitBreaker
        @Bulkhead
        public String guarded() {
            return "guarded";
        }

        /** @return the bean instance itself, not its client proxy */
        public Slow self() {
            return this;
        }
    }
}
